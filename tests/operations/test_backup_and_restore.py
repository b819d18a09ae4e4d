"""`flask backup` copies a serving database; `flask restore` puts a copy back, or refuses and changes nothing."""

import shutil
import sqlite3

import flask_migrate
import pytest
from helpers import make_app
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db
from webapp.models import TaskStatus
from webapp.operations.schema import head_revision, script_directory

from .archives import rows_of, truncated


@pytest.fixture
def filled_app(app, alice):
    with app.app_context():
        owner = crud.get_user(alice.id)
        for title in ("Water the plants", "Renew passport ✈"):
            crud.create_task(owner, title, None, TaskStatus.PENDING, None)
    return app


@pytest.fixture
def backup_path(filled_app, flask_cli, tmp_path):
    path = tmp_path / "backup"
    result = flask_cli(filled_app, "backup", str(path))
    assert result.exit_code == 0, result.output
    assert f"Backed up the database to {path}" in result.output
    return path


def test_a_backup_restores_into_an_empty_database_with_every_row(filled_app, backup_path, migrated_app, flask_cli):
    target = migrated_app()

    result = flask_cli(target, "restore", str(backup_path))

    assert result.exit_code == 0, result.output
    assert rows_of(target) == rows_of(filled_app)


def test_a_sqlite_backup_is_taken_while_another_connection_is_writing(filled_app, flask_cli, tmp_path, backend):
    if backend != "sqlite":
        pytest.skip("the online backup API is SQLite's; servers are backed up through the dump")
    with filled_app.app_context():
        writer = db.engine.connect()
        writer.execute(text("UPDATE tasks SET title = 'not committed yet'"))  # holds the write lock
        result = flask_cli(filled_app, "backup", str(tmp_path / "live.db"))
        writer.rollback()
        writer.close()
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "live.db") as copy:
        titles = {title for (title,) in copy.execute("SELECT title FROM tasks")}
    assert titles == {"Water the plants", "Renew passport ✈"}


def test_restoring_over_data_needs_replace(filled_app, backup_path, flask_cli):
    with filled_app.app_context():
        crud.create_task(
            crud.get_user_by_email("alice@example.com"), "Since the backup", None, TaskStatus.PENDING, None
        )
    with_new_task = rows_of(filled_app)

    refused = flask_cli(filled_app, "restore", str(backup_path))
    assert refused.exit_code == 1
    assert "not empty" in refused.output and "--replace" in refused.output
    assert rows_of(filled_app) == with_new_task

    replaced = flask_cli(filled_app, "restore", "--replace", str(backup_path))
    assert replaced.exit_code == 0, replaced.output
    titles = [row[1] for row in rows_of(filled_app)["tasks"]]
    assert titles == ["Water the plants", "Renew passport ✈"]


def test_a_truncated_backup_restored_over_data_is_refused_and_the_data_stays(
    filled_app, backup_path, flask_cli, tmp_path
):
    before = rows_of(filled_app)

    result = flask_cli(filled_app, "restore", "--replace", str(truncated(backup_path, tmp_path / "cut", keep=0.5)))

    assert result.exit_code == 1
    assert "not a whole" in result.output or "not a complete" in result.output
    assert rows_of(filled_app) == before


def test_a_sqlite_backup_from_a_newer_taskboard_is_refused(
    filled_app, backup_path, migrated_app, flask_cli, tmp_path, backend
):
    if backend != "sqlite":
        pytest.skip("servers' backups are archives, whose revision check is in test_dump_and_load")
    newer = shutil.copy(backup_path, tmp_path / "newer.db")
    with sqlite3.connect(newer) as copy:
        copy.execute("UPDATE alembic_version SET version_num = '2099_01_01_0000-from-the-future'")

    result = flask_cli(migrated_app(), "restore", str(newer))

    assert result.exit_code == 1
    assert "a newer version made it" in result.output


def test_a_backup_to_a_place_that_cannot_be_written_says_so(filled_app, flask_cli, tmp_path):
    result = flask_cli(filled_app, "backup", str(tmp_path / "missing" / "backup"))

    assert result.exit_code == 1
    assert "Cannot write" in result.output


def test_upgrading_a_sqlite_database_backs_it_up_first_and_says_where(new_database, flask_cli, backend):
    app = make_app(new_database())
    with app.app_context():
        previous = script_directory().get_revision(head_revision()).down_revision
        flask_migrate.upgrade(revision=previous)
        db.engine.dispose()

    result = flask_cli(app, "db", "upgrade")

    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()
    if backend != "sqlite":
        assert "Backed up" not in result.output
        return
    assert "Backed up the database to " in result.output
    path = result.output.split("Backed up the database to ", 1)[1].split(" before upgrading.")[0]
    with sqlite3.connect(path) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (previous,)
    again = flask_cli(app, "db", "upgrade")
    assert "Backed up" not in again.output  # nothing to upgrade, nothing to back up
