"""Per-connection settings for SQLite, so the default database is safe under several workers."""

from sqlalchemy import Engine, event

SQLITE_BUSY_TIMEOUT_MS = 5000


def configure_sqlite(engine: Engine) -> None:
    """WAL (readers never block the writer), enforced foreign keys and a busy timeout."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def set_sqlite_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()
