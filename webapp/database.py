"""Per-connection settings for SQLite, so the default database is safe under several workers."""

from sqlalchemy import Engine, event

SQLITE_BUSY_TIMEOUT_MS = 5000
# FULL: a committed task survives a power cut. NORMAL (WAL only) may lose the
# last commits on power loss, never on an application crash, and saves an fsync per commit.
SQLITE_SYNCHRONOUS_LEVELS = ("FULL", "NORMAL")


def engine_options(database_uri: str, options: dict) -> dict:
    """The engine options for this database.

    A pre-ping costs an extra statement on every connection checkout; it guards
    against a server that dropped the connection, which a SQLite file cannot do.
    """
    if database_uri.startswith("sqlite"):
        return {**options, "pool_pre_ping": False}
    return options


def configure_sqlite(engine: Engine, synchronous: str = "FULL") -> None:
    """WAL (readers never block the writer), enforced foreign keys, a busy timeout, durable commits."""
    if engine.dialect.name != "sqlite":
        return
    if synchronous not in SQLITE_SYNCHRONOUS_LEVELS:
        raise RuntimeError(f"SQLITE_SYNCHRONOUS must be one of {', '.join(SQLITE_SYNCHRONOUS_LEVELS)}")

    @event.listens_for(engine, "connect")
    def set_sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()
