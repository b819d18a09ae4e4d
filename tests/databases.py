"""Throwaway databases for the suite, on SQLite or on a real server.

`TEST_DATABASE_URL` names a server and the account to use there (e.g.
`postgresql+psycopg://postgres@127.0.0.1:5432/postgres` or
`mysql+pymysql://root@127.0.0.1:3306/?charset=utf8mb4`); the database named in
it only serves to connect. Every database the suite uses is created with a
name of its own and dropped afterwards, so runs never touch anyone else's data.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, create_engine, make_url, text

SERVER_BACKENDS = ("postgresql", "mysql", "mariadb")


def backend_of(database_url: str | None) -> str:
    return make_url(database_url).get_backend_name() if database_url else "sqlite"


def create_database(server_url: str | None, sqlite_dir: Path) -> str:
    """A new, empty database; its URL. SQLite (no server URL) gets a file in `sqlite_dir`."""
    name = f"taskboard_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    if backend_of(server_url) not in SERVER_BACKENDS:
        return f"sqlite:///{sqlite_dir / f'{name}.db'}"
    url = make_url(server_url)
    if url.get_backend_name() == "postgresql":
        admin = url.set(database=url.database or "postgres")
        _run_admin(admin, f'CREATE DATABASE "{name}"')
        # A test database need not survive a power cut: commits return without waiting for the WAL to
        # reach the disk (crash-safe all the same), which made them about half of a pass's time.
        _run_admin(admin, f'ALTER DATABASE "{name}" SET synchronous_commit TO off')
        return url.set(database=name).render_as_string(hide_password=False)
    # utf8mb4 end to end: in the database and on the connection, so emoji survive.
    _run_admin(url.set(database=None), f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    url = url.set(database=name).update_query_dict({"charset": "utf8mb4"})
    return url.render_as_string(hide_password=False)


def drop_database(database_url: str) -> None:
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url.database}{suffix}").unlink(missing_ok=True)
    elif backend == "postgresql":
        _run_admin(url.set(database="postgres"), f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
    else:
        _run_admin(url.set(database=None), f"DROP DATABASE IF EXISTS `{url.database}`")


@contextmanager
def commits_without_flush(server_url: str | None) -> Iterator[None]:
    """MariaDB writes its log at each commit but flushes it to the disk once a second, while the suite runs.

    The suite's databases need not survive a power cut (the test SQLite runs with synchronous=OFF, and
    PostgreSQL's test databases without synchronous commit, see create_database); waiting for the disk
    at every commit was about a quarter of a pass's time. MariaDB has this setting for the whole server
    only, so the one it had is put back at the end.
    """
    if backend_of(server_url) not in ("mysql", "mariadb"):
        yield
        return
    url = make_url(server_url).set(database=None)
    before = _run_admin(url, "SELECT @@GLOBAL.innodb_flush_log_at_trx_commit")
    _run_admin(url, "SET GLOBAL innodb_flush_log_at_trx_commit = 2")
    try:
        yield
    finally:
        _run_admin(url, f"SET GLOBAL innodb_flush_log_at_trx_commit = {int(before)}")


def _run_admin(url: URL, statement: str) -> object:
    """Runs one statement outside any transaction; the first column of its first row, if it has one."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            result = connection.execute(text(statement))
            return result.scalar() if result.returns_rows else None
    finally:
        engine.dispose()
