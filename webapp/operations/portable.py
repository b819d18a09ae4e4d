"""`flask dump` and `flask load`: every row of every table, between databases of any kind.

The tables are the models' (`db.metadata.sorted_tables`, parents before children), so a table added
later is dumped and loaded without touching this module. See `archive` for the format.
"""

from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Integer, Table, exists, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import utcnow
from .archive import ArchiveError, Manifest, check_tables, open_archive, read_manifest, read_rows, verify, write_archive
from .files import written_atomically
from .schema import database_revision, head_revision, is_known, unknown_revision_message

# The database's own transaction gives the dump one consistent moment while the app keeps writing.
SNAPSHOT = {"postgresql": "REPEATABLE READ", "mysql": "REPEATABLE READ"}


def tables() -> list[Table]:
    return list(db.metadata.sorted_tables)


def dump(path: Path) -> Manifest:
    """Write the archive to `path` (complete, or not at all)."""
    with db.engine.connect() as connection:
        options: dict[str, object] = {"taskboard_read_only": True}
        if connection.dialect.name in SNAPSHOT:
            options["isolation_level"] = SNAPSHOT[connection.dialect.name]
        connection = connection.execution_options(**options)
        with connection.begin():
            revision = require_current_schema(connection)
            with written_atomically(path) as partial, partial.open("wb") as out:
                return write_archive(connection, tables(), revision, utcnow(), out)


def require_current_schema(connection: Connection) -> str:
    revision = database_revision(connection)
    head = head_revision()
    if revision != head:
        raise ArchiveError(
            f"The database is at schema revision {revision}, this Taskboard at {head}: run `flask db upgrade` first."
        )
    return head


def load(path: Path, replace: bool = False) -> Manifest:
    """Load the archive at `path` into this database, in one transaction: all of it or nothing.

    The database must be at the archive's schema revision, which must be this Taskboard's, and empty
    unless `replace` (then its rows are deleted in the same transaction). Ids are kept, and the
    counters that hand out new ids are moved past them.
    """
    with open_archive(path) as archive:
        manifest = read_manifest(archive)
        table_list = tables()
        with db.engine.connect() as connection:
            require_revision(connection, manifest.schema_revision)
            connection.rollback()  # the load's own transaction begins once the archive is known whole
            check_tables(manifest, table_list)
            verify(archive, manifest)
            try:
                with connection.begin():
                    if not replace:
                        require_empty(connection, table_list)
                    for table in reversed(table_list):
                        connection.execute(table.delete())
                    entries = {entry.name: entry for entry in manifest.tables}
                    for table in table_list:
                        for batch in read_rows(archive, entries[table.name], table):
                            connection.execute(table.insert(), batch)
                    reset_id_counters(connection, table_list, in_transaction=True)
            except SQLAlchemyError as error:
                raise ArchiveError(f"The database refused the archive's rows; nothing was loaded: {error}") from None
            reset_id_counters(connection, table_list, in_transaction=False)
    return manifest


def require_revision(connection: Connection, revision: str) -> None:
    if not is_known(revision):
        raise ArchiveError(f"The archive cannot be loaded. {unknown_revision_message(revision)}")
    current = database_revision(connection)
    head = head_revision()
    if revision != head:
        raise ArchiveError(
            f"The archive was made at schema revision {revision}, and this Taskboard is at {head}. "
            f"Upgrade the database it came from (`flask db upgrade`) and dump it again, or load it with "
            f"the Taskboard version that made it and upgrade afterwards."
        )
    if current != head:
        raise ArchiveError(
            f"The database is at schema revision {current}, not {head}: run `flask db upgrade` on it first."
        )


def require_empty(connection: Connection, table_list: list[Table]) -> None:
    holding = [table.name for table in table_list if connection.scalar(select(exists().select_from(table)))]
    if holding:
        raise ArchiveError(
            f"The database is not empty (it has rows in {', '.join(holding)}); load into an empty database, "
            f"or use `flask restore --replace` to replace its contents."
        )


def id_column(table: Table) -> Column[Any] | None:
    """The integer primary key the database numbers itself, if the table has one."""
    columns = list(table.primary_key.columns)
    if len(columns) == 1 and isinstance(columns[0].type, Integer) and columns[0].autoincrement in (True, "auto"):
        return columns[0]
    return None


def reset_id_counters(connection: Connection, table_list: list[Table], in_transaction: bool) -> None:
    """New rows must get ids after the loaded ones.

    PostgreSQL's sequences are set inside the load's transaction. MariaDB/MySQL's AUTO_INCREMENT is
    set after it, since ALTER TABLE commits; InnoDB has already moved it past inserted ids, so this
    only makes sure. SQLite numbers from the largest id itself.
    """
    dialect = connection.dialect.name
    if (dialect == "postgresql") != in_transaction or dialect not in ("postgresql", "mysql"):
        return
    for table in table_list:
        column = id_column(table)
        if column is None:
            continue
        next_id = (connection.scalar(select(func.max(column))) or 0) + 1
        if dialect == "postgresql":
            connection.execute(
                text("SELECT setval(pg_get_serial_sequence(:table, :column), :next_id, false)"),
                {"table": table.name, "column": column.name, "next_id": next_id},
            )
        else:
            connection.exec_driver_sql(f"ALTER TABLE `{table.name}` AUTO_INCREMENT = {int(next_id)}")
