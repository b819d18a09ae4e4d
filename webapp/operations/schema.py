"""Which Alembic revision a database is at, and which revisions this Taskboard knows."""

from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import Connection


def script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", current_app.extensions["migrate"].directory)
    return ScriptDirectory.from_config(config)


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "the migrations have exactly one head"
    return head


def database_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def is_known(revision: str) -> bool:
    return any(script.revision == revision for script in script_directory().walk_revisions())


def unknown_revision_message(revision: str) -> str:
    return (
        f"It was made at schema revision {revision}, which this Taskboard does not know: a newer version "
        f"made it. Upgrade Taskboard to that version (or newer) first."
    )
