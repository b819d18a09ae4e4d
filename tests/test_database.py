"""What the app asks of every database: exact emails, emoji, whole transactions, fork safety,
a friendly 503 when the database is out of reach, SQLite tuned for several workers, and PostgreSQL
planning a page's statements once per connection."""

import os
import sqlite3

import pytest
from flask import Blueprint
from helpers import make_app
from sqlalchemy import event, func, make_url, select, text

from webapp import crud
from webapp.extensions import db
from webapp.models import Task, User

UNREACHABLE = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/taskboard",
    "mysql": "mysql+pymysql://root@127.0.0.1:1/taskboard?charset=utf8mb4",
    "sqlite": "sqlite:////nonexistent-folder/taskboard.db",
}


def test_titles_with_emoji_and_accents_survive_a_round_trip(app_context):
    owner = crud.create_user("emoji@example.com", "a long enough password")
    title = "Ship it 🚀 — café, Zürich, 東京"
    task_id = crud.create_task(owner, title=title, description="👍🏽 done").id
    db.session.expire_all()
    assert (db.session.get(Task, task_id).title, db.session.get(Task, task_id).description) == (title, "👍🏽 done")


def test_emails_that_differ_only_in_accents_are_different_accounts(app_context):
    crud.create_user("jose@example.com", "a long enough password")
    crud.create_user("josé@example.com", "a long enough password")
    assert crud.get_user_by_email("JOSÉ@example.com").email == "josé@example.com"
    assert crud.get_user_by_email("Jose@Example.com").email == "jose@example.com"


def test_an_exception_after_rows_were_written_leaves_none_of_them(database_url):
    app = make_app(database_url, PROPAGATE_EXCEPTIONS=False)
    crashing = Blueprint("crashing", __name__)

    @crashing.post("/crash-after-writing")
    def crash_after_writing():
        user = User(email="half@example.com", password_hash="x")
        db.session.add(user)
        db.session.flush()
        db.session.add(Task(owner_id=user.id, title="Half done"))
        db.session.flush()
        raise RuntimeError("failed half way")

    app.register_blueprint(crashing)
    response = app.test_client().post("/crash-after-writing")

    assert response.status_code == 500 and "Nothing you sent was saved" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0
        assert db.session.scalar(select(func.count()).select_from(Task)) == 0
        crud.create_user("after@example.com", "a long enough password")  # nothing is left locked
        db.session.execute(text("DELETE FROM users"))
        db.session.commit()
        db.engine.dispose()


@pytest.mark.parametrize("backend_kind", sorted(UNREACHABLE))
def test_an_unreachable_database_gets_a_friendly_503_and_the_health_check_says_so(backend_kind):
    client = make_app(UNREACHABLE[backend_kind]).test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:1"  # user 1, session version 1 (User.get_id)

    health = client.get("/healthz")
    page = client.get("/tasks/")

    assert health.status_code == 503 and health.json["database"] == "unreachable"
    assert page.status_code == 503
    assert "cannot reach its database" in page.text and "Traceback" not in page.text
    assert page.headers["Retry-After"]


def test_an_engine_used_before_a_fork_gives_the_child_no_inherited_connection(app_context):
    db.session.execute(text("SELECT 1"))
    db.session.rollback()
    assert db.engine.pool.checkedin() >= 1
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        os.write(writer, str(db.engine.pool.checkedin()).encode())
        os._exit(0)
    os.close(writer)
    inherited = int(os.read(reader, 16))
    os.waitpid(child, 0)
    assert inherited == 0


@pytest.fixture
def sqlite_only(backend):
    if backend != "sqlite":
        pytest.skip("SQLite settings")


@pytest.mark.usefixtures("sqlite_only")
@pytest.mark.parametrize("config", ["development", "production"])
def test_sqlite_connections_use_wal_foreign_keys_a_busy_timeout_and_full_sync(database_url, config):
    served = make_app(database_url, TASKBOARD_CONFIG=config, SECRET_KEY="s" * 32)
    with served.app_context():
        settings = {
            pragma: db.session.execute(text(f"PRAGMA {pragma}")).scalar()
            for pragma in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
        db.engine.dispose()
    assert settings == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 20000, "synchronous": 2}


@pytest.mark.usefixtures("sqlite_only")
def test_sqlite_pages_are_read_while_another_process_holds_the_write_lock(app, accounts, alice, alice_client):
    database_file = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    other_process = sqlite3.connect(database_file, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")
    try:
        assert alice_client.get("/tasks/").status_code == 200
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()


@pytest.mark.usefixtures("sqlite_only")
def test_sqlite_writing_requests_take_the_write_lock_when_they_begin(app, alice_client):
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    alice_client.get("/tasks/")
    reads = list(statements)
    statements.clear()
    alice_client.post("/tasks/new", data={"title": "Write", "status": "pending"})
    assert "BEGIN" in reads and "BEGIN IMMEDIATE" not in reads
    assert statements[0] == "BEGIN IMMEDIATE"
    assert statements.count("BEGIN IMMEDIATE") == 1  # the redirect to the new task does not read it again


def test_postgresql_pages_keep_their_prepared_statements_from_one_request_to_the_next(app, backend, alice_client):
    if backend != "postgresql":
        pytest.skip("psycopg's prepared statements")
    with app.app_context():
        db.engine.dispose()  # the app is shared: its pool may still hold connections earlier tests' threads opened
    for _ in range(6):  # psycopg prepares a statement at its fifth run on a connection
        assert alice_client.get("/tasks/").status_code == 200
    with app.app_context():
        assert db.engine.pool.checkedin() == 1, "one connection, the one the pages used"
        assert db.session.scalar(text("SELECT count(*) FROM pg_prepared_statements")) > 0
