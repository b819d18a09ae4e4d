"""Fixtures: an app on a migrated database that is emptied after every test.

The database is a real SQLite file by default; TEST_DATABASE_URL points the
same suite at a PostgreSQL or MariaDB server, where the run creates a database
of its own and drops it at the end (see tests/databases.py).
"""

import re
from datetime import UTC, datetime, time
from pathlib import Path

import flask_migrate
import pytest
from databases import backend_of, commits_without_flush, create_database, drop_database
from factories import new_user
from helpers import PASSWORD, SERVER_URL, TODAY, make_app
from smtp_sink import MailServer
from sqlalchemy import delete, event

from webapp import clock
from webapp.extensions import db, limiter

# A test that asks for none of these does not touch the database under test: it runs in the SQLite
# pass only, and the PostgreSQL and MariaDB passes report it skipped, saying why.
DATABASE_FIXTURES = {"database_url", "new_database", "backend"}
BROWSER_SUITE = Path(__file__).parent / "browser"


def pytest_report_header(config):
    return f"database: {backend_of(SERVER_URL)} ({SERVER_URL or 'a temporary file'})"


def pytest_collection_modifyitems(items):
    if not SERVER_URL:
        return
    once = pytest.mark.skip(reason="uses no database: runs in the SQLite pass only")
    for item in items:
        # The browser suite runs whole in the one pass `make test` names for it (tests/browser/conftest.py).
        if not DATABASE_FIXTURES & set(item.fixturenames) and not item.path.is_relative_to(BROWSER_SUITE):
            item.add_marker(once)


@pytest.fixture(scope="session")
def backend() -> str:
    """The database under test: sqlite, postgresql or mysql."""
    return backend_of(SERVER_URL)


@pytest.fixture
def new_database(tmp_path):
    """Makes empty databases on the server under test; drops them after the test."""
    made = []

    def make() -> str:
        made.append(create_database(SERVER_URL, tmp_path))
        return made[-1]

    yield make
    for url in made:
        drop_database(url)


@pytest.fixture(scope="session")
def mail_server():
    """The SMTP server every test app sends its emails to."""
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(mail_server):
    """What the SMTP server received during this test."""
    mail_server.mailbox.clear()
    return mail_server.mailbox


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The migrated database the whole run shares."""
    with commits_without_flush(SERVER_URL):
        url = create_database(SERVER_URL, tmp_path_factory.mktemp("db"))
        app = make_app(url)
        with app.app_context():
            flask_migrate.upgrade()
            db.engine.dispose()
        yield url
        drop_database(url)


@pytest.fixture(scope="session")
def shared_app(database_url, mail_server):
    """The test app most tests use, built once: building one (mostly Werkzeug compiling its ~90 URL
    rules) cost about 80 ms, paid again by every test. Tests that need other settings build their own
    with make_app; tests that add routes must too (Flask refuses them once an app has served)."""
    app = make_app(database_url, MAIL_URL=mail_server.url)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(shared_app):
    """The shared app, as fresh as a new one: its settings are put back after the test, the rate
    limiter starts from zero with them, and every table is emptied."""
    settings = dict(shared_app.config)
    # The limiter is one object for every app of the process: a test's make_app(...) rebinds it.
    # Binding it again resets its counters and its settings to this app's, as building the app does.
    limiter.init_app(shared_app)
    yield shared_app
    with shared_app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()
    shared_app.config.clear()
    shared_app.config.update(settings)


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


@pytest.fixture
def client(app):
    return app.test_client()


class Accounts:
    """Creates users and logs test clients in, the way a person would."""

    def __init__(self, app):
        self.app = app

    def create(self, email: str, is_admin: bool = False, password: str = PASSWORD, email_verified: bool = True):
        return new_user(self.app, email, is_admin, password, email_verified)

    def login(self, client, email: str, password: str = PASSWORD):
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, "login failed"
        return response


@pytest.fixture
def accounts(app):
    return Accounts(app)


@pytest.fixture
def admin(accounts):
    return accounts.create("admin@example.com", is_admin=True)


@pytest.fixture
def alice(accounts, admin):
    """A regular user (not the first account: the admin exists already)."""
    return accounts.create("alice@example.com")


@pytest.fixture
def alice_client(app, accounts, alice):
    client = app.test_client()
    accounts.login(client, alice.email)
    return client


@pytest.fixture
def bob_client(app, accounts, alice):
    bob = accounts.create("bob@example.com")
    client = app.test_client()
    accounts.login(client, bob.email)
    return client


@pytest.fixture
def admin_client(app, accounts, admin, alice):
    client = app.test_client()
    accounts.login(client, admin.email)
    return client


@pytest.fixture
def clock_at(monkeypatch):
    """Sets the instant the app takes for now (clock.now is the one place that says it); aware UTC."""

    def set_now(instant: datetime) -> datetime:
        monkeypatch.setattr(clock, "now", lambda: instant)
        return instant

    return set_now


@pytest.fixture
def today(clock_at):
    """Fix the day every due-date rule counts from: noon UTC on TODAY, so TODAY for a person in UTC."""
    clock_at(datetime.combine(TODAY, time(12), UTC))
    return TODAY


TRANSACTION_CONTROL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


@pytest.fixture
def statements(app):
    """The SQL queries sent to the database from here on (not transaction control), to bound those of a page."""
    with app.app_context():
        engine = db.engine
    sent = []

    def record(_connection, _cursor, statement, _parameters, _context, _executemany):
        if not TRANSACTION_CONTROL.match(statement):  # e.g. the explicit BEGIN on SQLite
            sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield sent
    event.remove(engine, "before_cursor_execute", record)
