"""`flask backup` and `flask restore`, and the backup `flask db upgrade` takes first on SQLite.

On SQLite a backup is a copy of the database file made through SQLite's online backup API: one read
transaction, so the app goes on serving (and writing, thanks to WAL) and the copy is never torn. On
PostgreSQL and MariaDB it is the portable archive (`portable.dump`). `restore` tells them apart by
their first bytes.
"""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import inspect

from ..extensions import db
from . import portable
from .archive import ArchiveError
from .files import written_atomically
from .schema import database_revision, head_revision, is_known, unknown_revision_message

SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def backup(path: Path) -> str:
    """Write a consistent copy of the database to `path`; returns its schema revision."""
    if not is_sqlite():
        return portable.dump(path).schema_revision
    with written_atomically(path) as partial:
        copy = sqlite3.connect(partial)
        source = db.engine.raw_connection()
        try:
            cast(sqlite3.Connection, source.driver_connection).backup(copy)
        finally:
            source.close()
            copy.close()
    return sqlite_revision(path) or "none"


def sqlite_revision(path: Path) -> str | None:
    """The schema revision of the SQLite database file at `path`, after checking the file is whole."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if connection.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise ArchiveError(f"{path} is a damaged SQLite database.")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise ArchiveError(f"{path} is not a whole Taskboard SQLite backup: {error}.") from None
    finally:
        connection.close()
    return row[0] if row else None


def restore(path: Path, replace: bool) -> str:
    """Put the backup at `path` in place of this database's contents; returns what to do next, if anything."""
    with path.open("rb") as file:
        is_sqlite_copy = file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    if not is_sqlite_copy:
        portable.load(path, replace=replace)
        return ""
    if not is_sqlite():
        raise ArchiveError(
            f"{path} is a SQLite backup and this database is {db.engine.dialect.name}: on SQLite, "
            f"`flask dump` it and `flask load` the archive here."
        )
    revision = sqlite_revision(path)
    if revision is None or not is_known(revision):
        raise ArchiveError(f"{path} cannot be restored. {unknown_revision_message(str(revision))}")
    if not replace:
        require_empty()
    copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = db.engine.raw_connection()
    try:
        copy.backup(cast(sqlite3.Connection, target.driver_connection))
    finally:
        target.close()
        copy.close()
    db.engine.dispose()  # pooled connections knew the old schema
    return "" if revision == head_revision() else "Run `flask db upgrade` to bring it to this Taskboard's schema."


def require_empty() -> None:
    existing = set(inspect(db.engine).get_table_names())
    with db.engine.connect() as connection:
        portable.require_empty(connection, [t for t in portable.tables() if t.name in existing])


def backup_before_upgrade(target_revision: str) -> Path | None:
    """On SQLite, a backup next to the database file before migrations change it; its path."""
    if not is_sqlite():
        return None
    with db.engine.connect() as connection:
        current = database_revision(connection)
    if current is None or current == target_revision or (target_revision == "head" and current == head_revision()):
        return None
    database = Path(db.engine.url.database or "")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = database.parent / "backups" / f"{database.stem}-{stamp}-before-upgrade-from-{current}.db"
    path.parent.mkdir(exist_ok=True)
    backup(path)
    return path
