"""A rate-limit store that every worker process of one machine shares: a SQLite file.

The `limits` library behind Flask-Limiter ships memory://, which each gunicorn
worker keeps to itself (two workers let twice the attempts through), and stores
that need a server: Redis, Memcached, MongoDB. A fresh `make run` has none of
those, so this store, registered with limits' own Storage extension point under
the `sqlite-file://` scheme, keeps the counters in a file of the instance folder.
It implements the fixed window, the strategy Taskboard's limits use. With several
machines, point RATELIMIT_STORAGE_URI at Redis instead.
"""

import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

from limits.storage import Storage

SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID
"""
# One statement, so SQLite runs it atomically: a counter whose window is over starts again.
INCREMENT = """
INSERT INTO counters (key, hits, expires_at) VALUES (:key, :amount, :now + :expiry)
ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN expires_at <= :now THEN :amount ELSE hits + :amount END,
    expires_at = CASE WHEN expires_at <= :now THEN :now + :expiry ELSE expires_at END
RETURNING hits
"""


class SqliteFileStorage(Storage):
    """Fixed-window counters in a SQLite file, safe across processes and threads."""

    STORAGE_SCHEME = ["sqlite-file"]  # noqa: RUF012 (limits declares it an instance attribute)

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options: float | str | bool):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = urlparse(uri).path
        self._local = threading.local()

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        """One connection per thread of each process: a connection must not cross a fork."""
        if getattr(self._local, "pid", None) != os.getpid():
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # counters need not outlive a power loss
            connection.execute(SCHEMA)
            self._local.connection, self._local.pid = connection, os.getpid()
        current: sqlite3.Connection = self._local.connection
        return current

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        connection = self._connection()
        now = time.time()
        connection.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
        hits: int = connection.execute(
            INCREMENT, {"key": key, "amount": amount, "now": now, "expiry": expiry}
        ).fetchone()[0]
        return hits

    def get(self, key: str) -> int:
        row = (
            self._connection()
            .execute("SELECT hits FROM counters WHERE key = ? AND expires_at > ?", (key, time.time()))
            .fetchone()
        )
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute("SELECT expires_at FROM counters WHERE key = ?", (key,)).fetchone()
        return row[0] if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))


def default_uri(instance_path: str) -> str:
    return f"sqlite-file://{os.path.join(os.path.abspath(instance_path), 'rate-limits.sqlite')}"
