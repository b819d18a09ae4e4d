"""What the specifications share: the test app, the password every test account has, and ways to
read a page as a person would. Fixtures stay in conftest.py; objects are built by factories.py."""

import html
import os
import re
import socket
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from alembic.config import Config
from alembic.script import ScriptDirectory
from flask import Flask
from jinja2 import BytecodeCache
from sqlalchemy import text

from webapp import create_app
from webapp.crud.users import hash_password

# The database server of this pass (TEST_DATABASE_URL), or None in the SQLite pass.
SERVER_URL = os.environ.get("TEST_DATABASE_URL") or None
PASSWORD = "correct horse battery"
# The day every due-date rule counts from in tests that fix it (the `today` fixture).
TODAY = date(2030, 6, 12)


class CompiledTemplates(BytecodeCache):
    """Templates compiled once for the whole run: every test builds a new app, whose Jinja
    environment would otherwise compile each template it renders all over again."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])  # ignored if the source changed

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def make_app(database_url: str, **overrides) -> Flask:
    """The app in its test configuration on this database, with any settings overridden."""
    config = {"TASKBOARD_CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": database_url}
    config.update(overrides)
    app = create_app(config)
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    return app


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def created_id(response) -> int:
    """The id in the Location of a redirect to a newly created object's page."""
    match = re.search(r"/(\d+)$", response.headers["Location"])
    assert match, response.headers.get("Location")
    return int(match.group(1))


def listed_titles(page: str) -> list[str]:
    """The titles of the rows of a list page, in order."""
    return [
        html.unescape(title)
        for title in re.findall(r'<td class="task-title"><a href="/(?:tasks|items)/\d+"[^>]*>([^<]*)</a>', page)
    ]


def query_of(href: str) -> dict[str, list[str]]:
    """The query parameters of a link as the page wrote it."""
    return parse_qs(urlsplit(html.unescape(href)).query)


def previous_revision(revision: str) -> str:
    """The migration that `revision` follows, to fill a database as it was just before it."""
    migrations = Path(__file__).resolve().parent.parent / "migrations"
    config = Config(str(migrations / "alembic.ini"))
    config.set_main_option("script_location", str(migrations))
    down = ScriptDirectory.from_config(config).get_revision(revision).down_revision
    assert isinstance(down, str)
    return down


def insert_account(session, user_id: int, email: str, *, is_admin: bool = False, **columns: object) -> None:
    """An active account row written with SQL alone, as an older revision's schema takes it.

    `columns` sets the columns that revision has beyond the first ones (time_zone="UTC", ...), or
    another session_version than 1.
    """
    values = {
        "id": user_id,
        "email": email,
        "password_hash": hash_password(PASSWORD),
        "is_active": True,
        "is_admin": is_admin,
        "session_version": 1,
        **columns,
    }
    names = ", ".join(values)
    parameters = ", ".join(f":{name}" for name in values)
    session.execute(text(f"INSERT INTO users ({names}, created_at) VALUES ({parameters}, CURRENT_TIMESTAMP)"), values)


def _insert(session, table: str, values: dict[str, object], stamped: tuple[str, ...]) -> None:
    """Insert the row, its `stamped` columns at the current time unless `values` sets them."""
    stamped = tuple(name for name in stamped if name not in values)
    names = ", ".join([*values, *stamped])
    parameters = ", ".join([f":{name}" for name in values] + ["CURRENT_TIMESTAMP"] * len(stamped))
    session.execute(text(f"INSERT INTO {table} ({names}) VALUES ({parameters})"), values)


def insert_list(
    session, list_id: int, owner_id: int, name: str = "Inbox", members: dict[int, str] | None = None
) -> None:
    """A list row written with SQL alone, as an older revision's schema takes it (lists came with the
    organise revision); `members` (user id: role) once list_members exists, the owner's included."""
    values = {"id": list_id, "owner_id": owner_id, "name": name, "name_key": name.lower(), "is_inbox": name == "Inbox"}
    _insert(session, "task_lists", values, ("created_at",))
    for user_id, role in (members or {}).items():
        _insert(session, "list_members", {"list_id": list_id, "user_id": user_id, "role": role}, ("created_at",))


def insert_task(session, title: str, owner_id: int, list_id: int, **columns: object) -> None:
    """A pending task row written with SQL alone, as an older revision's schema takes it; `columns` sets
    its id (left out, the database numbers it) and any other column that revision has."""
    values = {"title": title, "status": "pending", "owner_id": owner_id, "list_id": list_id, "priority": 0}
    _insert(session, "tasks", {**values, "version": 1, **columns}, ("created_at", "updated_at"))
