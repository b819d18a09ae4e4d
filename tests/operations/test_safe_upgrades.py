"""Upgrading keeps people's data: from every earlier revision, with rows in every table, on every database.

The revisions come from the migrations folder itself, so each new migration is covered the day it lands.
"""

from pathlib import Path

import flask_migrate
import pytest
from alembic.script import ScriptDirectory
from helpers import PASSWORD, make_app
from sqlalchemy import Connection, select

from webapp.extensions import db

from .table_filler import fill_every_table, reflected_tables

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
SCRIPTS = ScriptDirectory(str(MIGRATIONS))
EARLIER_REVISIONS = [
    script.revision for script in SCRIPTS.walk_revisions() if script.revision != SCRIPTS.get_current_head()
]


def rows_still_there(connection: Connection, filled: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The filled rows as the database holds them now, in the columns they still have."""
    tables = {table.name: table for table in reflected_tables(connection)}
    found = {}
    for name, rows in filled.items():
        table = tables[name]
        key = next(iter(table.primary_key.columns))
        stored = {row._mapping[key.name]: row._mapping for row in connection.execute(select(table))}
        found[name] = [
            {column: stored[row[key.name]][column] for column in row if column in table.columns}
            for row in rows
            if row[key.name] in stored
        ]
    return found


def expected(filled: dict[str, list[dict]], connection: Connection) -> dict[str, list[dict]]:
    tables = {table.name: table for table in reflected_tables(connection)}
    return {
        name: [{column: value for column, value in row.items() if column in tables[name].columns} for row in rows]
        for name, rows in filled.items()
    }


@pytest.mark.parametrize("revision", EARLIER_REVISIONS)
def test_rows_in_every_table_survive_upgrading_from_an_earlier_revision_and_back(new_database, revision):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=revision)
        with db.engine.begin() as connection:
            filled = fill_every_table(connection)

        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            assert rows_still_there(connection, filled) == expected(filled, connection)
        db.engine.dispose()

    client = app.test_client()
    assert client.post("/login", data={"email": "filled1@example.com", "password": PASSWORD}).status_code == 302
    assert client.get("/tasks/").status_code == 200
    assert client.get("/items/").status_code == 200

    with app.app_context():
        flask_migrate.downgrade(revision=revision)
        with db.engine.connect() as connection:
            assert rows_still_there(connection, filled) == expected(filled, connection)
        db.engine.dispose()
