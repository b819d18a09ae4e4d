"""When the database goes away, pages say so quickly; when it is back, the app carries on."""

import flask_migrate
import pytest
from helpers import make_app

from webapp.extensions import db

from .private_postgres import PrivatePostgres, postgres_bin
from .servers import Browser, created_path

# "Nothing hangs": every request during the outage must answer within this.
OUTAGE_ANSWER_S = 2


@pytest.fixture
def private_postgres(backend):
    if backend != "postgresql":
        pytest.skip("runs once, in the PostgreSQL pass")
    if postgres_bin() is None:
        pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    cluster = PrivatePostgres()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


def test_pages_answer_503_while_the_database_is_down_and_recover_without_a_restart(gunicorn, private_postgres):
    app = make_app(private_postgres.url)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    server = gunicorn(private_postgres.url)
    browser = Browser(server.url)
    browser.register("patient@example.com")
    task_path = created_path(browser.submit("/tasks/new", {"title": "Written before the outage", "status": "pending"}))
    token = browser.csrf_token("/tasks/new")

    private_postgres.stop()
    for _ in range(3):
        page = browser.get(task_path, timeout=OUTAGE_ANSWER_S)
        assert page.status_code == 503, server.log_text()[-3000:]
        assert "cannot reach its database" in page.text
        assert page.headers["Retry-After"]
        assert browser.get("/healthz", timeout=OUTAGE_ANSWER_S).status_code == 503
        refused = browser.post(
            "/tasks/new", {"title": "Lost?", "status": "pending", "csrf_token": token}, timeout=OUTAGE_ANSWER_S
        )
        assert refused.status_code == 503

    private_postgres.start()
    assert browser.get("/healthz").json()["status"] == "ok"
    page = browser.get(task_path)
    assert page.status_code == 200 and "Written before the outage" in page.text, "same session, no restart"
    assert "Traceback" not in server.log_text()
