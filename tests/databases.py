"""Throwaway databases for the suite, on SQLite or on a real server.

`TEST_DATABASE_URL` names a server and the account to use there (e.g.
`postgresql+psycopg://postgres@127.0.0.1:5432/postgres` or
`mysql+pymysql://root@127.0.0.1:3306/?charset=utf8mb4`); the database named in
it only serves to connect. Every database the suite uses is created with a
name of its own and dropped afterwards, so runs never touch anyone else's data.
"""

import os
import uuid
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
        _run_admin(url.set(database=url.database or "postgres"), f'CREATE DATABASE "{name}"')
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


def _run_admin(url: URL, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
