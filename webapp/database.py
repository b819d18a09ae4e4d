"""Engine settings per database, so every supported server keeps every accepted write.

SQLite is the default and gets the most care: several gunicorn workers write
to one file, so each transaction that may write takes the write lock when it
begins (`BEGIN IMMEDIATE`) instead of upgrading a read lock later, which in WAL
mode fails at once with "database is locked" whenever another worker committed
in between. Transactions of safe requests (GET, HEAD, OPTIONS) begin deferred,
so pages keep reading concurrently with a writer, as WAL allows.
"""

import contextlib
import os
import weakref
from typing import Any, cast

import psycopg
from flask import has_request_context, request
from sqlalchemy import Connection, Engine, event, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection

from .extensions import db

# How long a transaction queues for SQLite's write lock. Writers take turns, and
# SQLite's busy wait is not first-come-first-served, so under a burst one may
# wait several seconds: allow well beyond that, below gunicorn's 30 s timeout.
SQLITE_BUSY_TIMEOUT_MS = 20_000
SQLITE_SYNCHRONOUS_MODES = ("OFF", "NORMAL", "FULL", "EXTRA")
# Short, so a page answers "unavailable" quickly instead of hanging while the
# server is down; 2 s is the least libpq accepts.
CONNECT_TIMEOUT_S = 2
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# In a connection's info: whether its transaction ran anything but a SELECT.
WROTE = "taskboard_wrote"

_engines: "weakref.WeakSet[Engine]" = weakref.WeakSet()


def engine_options(database_url: str) -> dict[str, Any]:
    """SQLAlchemy engine options for this database URL."""
    backend = make_url(database_url).get_backend_name()
    # pool_pre_ping replaces connections the server dropped (a restart, an
    # outage), so the app recovers without being restarted itself. It costs a
    # statement on every checkout, and a SQLite file has no server to drop it.
    options: dict[str, Any] = {"pool_pre_ping": backend != "sqlite"}
    if backend in ("postgresql", "mysql", "mariadb"):
        options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
    if backend == "postgresql":
        # Statements stay prepared (keep_prepared_statements), but each run is planned for its own values:
        # the generic plan PostgreSQL otherwise switches to after five runs cannot tell a person whose lists
        # hold 100,000 tasks from one with 100, and read and sorted all of a heavy user's tasks for a page
        # (bench/NOTES.md, the scale check). Planning costs about 2 ms of the server's CPU on a list page.
        options["connect_args"]["options"] = "-c plan_cache_mode=force_custom_plan"
    return options


def configure_engine(engine: Engine, sqlite_synchronous: str = "FULL") -> None:
    """Make the engine safe to use after a fork, and SQLite safe under several workers."""
    _engines.add(engine)
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine, sqlite_synchronous)
    elif engine.dialect.driver == "psycopg":
        keep_prepared_statements(engine)


def configure_sqlite(engine: Engine, synchronous: str) -> None:
    """WAL, foreign keys, a busy timeout, the chosen fsync level and explicit BEGINs."""
    synchronous = synchronous.upper()
    if synchronous not in SQLITE_SYNCHRONOUS_MODES:
        raise RuntimeError(
            f"SQLITE_SYNCHRONOUS must be one of {', '.join(SQLITE_SYNCHRONOUS_MODES)}, not {synchronous!r}"
        )

    @event.listens_for(engine, "connect")
    def set_sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
        # Turn off pysqlite's own transaction handling, which begins transactions
        # late and always deferred; `begin_transaction` below emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin_transaction(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if may_write(connection) else "BEGIN")


def keep_prepared_statements(engine: Engine) -> None:
    """End a transaction that only read with COMMIT rather than ROLLBACK: the same for the data, but psycopg
    forgets its prepared statements at every ROLLBACK. Every page's transaction ends with one, so no statement
    was ever prepared, and PostgreSQL planned each anew on every request (the list's counts: 11 ms to plan,
    1 ms to run)."""

    @event.listens_for(engine, "begin")
    def note_begin(connection: Connection) -> None:
        connection.info[WROTE] = False

    @event.listens_for(engine, "before_cursor_execute")
    def note_writes(connection: Connection, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip()[:6].upper() != "SELECT":
            connection.info[WROTE] = True

    @event.listens_for(engine, "rollback")
    def commit_reads(connection: Connection) -> None:
        if connection.invalidated or connection.info.get(WROTE, True):
            return
        driver_connection = cast(psycopg.Connection[Any], connection.connection.driver_connection)
        if driver_connection.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS:
            # The ROLLBACK that follows finds no transaction and sends nothing; should the COMMIT fail
            # (the server gone), that ROLLBACK fails too, and SQLAlchemy's own handling of it applies.
            with contextlib.suppress(psycopg.Error):
                driver_connection.commit()


def may_write(connection: Connection) -> bool:
    """Whether the transaction may write: anything but a safe request or a read-only connection
    (`execution_options(taskboard_read_only=True)`, e.g. a dump reading while the app serves) may."""
    if connection.get_execution_options().get("taskboard_read_only"):
        return False
    return not has_request_context() or request.method not in SAFE_METHODS


def commit_keeping_loaded() -> None:
    """Commit; on SQLite, keep what the session loaded and wrote loaded, since it reads back exactly as it was
    written, so that using it afterwards (the redirect to what was created) needs no new transaction, which
    in a writing request would take the write lock again just to read it. Elsewhere objects expire at the
    commit as usual (MariaDB, for one, drops the microseconds of a time, so the object would not match its row).
    """
    session = db.session()
    if session.get_bind().dialect.name != "sqlite":
        session.commit()
        return
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def _forget_inherited_connections() -> None:
    # A forked child (e.g. a gunicorn worker with --preload) must not use the
    # parent's sockets or SQLite handles; it opens its own on first use.
    for engine in list(_engines):
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)
