"""With Redis as the store, the login limit holds across the workers of one gunicorn.

gunicorn runs two sync workers, each of which serves one request at a time. A
login whose body has not arrived yet keeps one worker busy, so the requests
sent meanwhile must go to the other: the failures are split between both
workers on purpose. With the per-process memory store each worker counts
alone and the 11th failure passes; with Redis it is refused.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis

PROJECT = Path(__file__).resolve().parents[2]
REDIS_URI = "redis://127.0.0.1:6379"
WRONG = urllib.parse.urlencode({"email": "alice@example.com", "password": "not the password"}).encode()


def redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URI, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


class Gunicorn:
    """gunicorn with two sync workers on a free port of 127.0.0.1; the access log names each worker."""

    def __init__(self, env, access_log: Path):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.access_log = access_log
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "--config",
                "gunicorn.conf.py",
                "--bind",
                "127.0.0.1:0",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--preload",
                "--no-control-socket",
                "--access-logfile",
                str(access_log),
                "--access-logformat",
                "%(p)s %(s)s",
                "wsgi:app",
            ],
            cwd=PROJECT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            self.host, self.port = self._wait_for_workers()
        except Exception:
            self.stop()
            raise

    def _wait_for_workers(self):
        address, booted, deadline = None, 0, time.monotonic() + 30
        while time.monotonic() < deadline and booted < 2:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            if match := re.search(r"Listening at: http://(127\.0\.0\.1):(\d+)", line):
                address = (match.group(1), int(match.group(2)))
            booted += "Booting worker" in line
        if address is None or booted < 2:
            raise RuntimeError("gunicorn did not start two workers")
        time.sleep(0.5)  # both workers reach their accept()
        return address

    def fail_login(self) -> int:
        request = urllib.request.Request(f"http://{self.host}:{self.port}/login", data=WRONG)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def hold_a_worker(self) -> socket.socket:
        """Start a failed login but keep its body back: the worker that took it waits for it."""
        connection = socket.create_connection((self.host, self.port), timeout=10)
        connection.sendall(
            b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: " + str(len(WRONG)).encode() + b"\r\n\r\n"
        )
        time.sleep(0.5)  # until a worker has accepted it
        return connection

    @staticmethod
    def release(connection: socket.socket) -> int:
        connection.sendall(WRONG)
        status_line = connection.makefile("rb").readline()
        connection.close()
        return int(status_line.split()[1])

    def worker_pids(self) -> set[str]:
        return {line.split()[0] for line in self.access_log.read_text().splitlines() if line.strip()}

    def stop(self):
        self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        self.process.wait(timeout=15)


@pytest.fixture
def gunicorn(database_url, alice, tmp_path):
    servers = []
    prefix = f"taskboard-test-{uuid.uuid4().hex}"

    def start(storage_uri):
        env = {
            **os.environ,
            "TASKBOARD_CONFIG": "testing",
            "DATABASE_URL": database_url,
            "RATELIMIT_STORAGE_URI": storage_uri,
            "RATELIMIT_KEY_PREFIX": prefix,
            "GUNICORN_CMD_ARGS": "",
        }
        servers.append(Gunicorn(env, tmp_path / f"access-{len(servers)}.log"))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()
    if redis_available():
        store = redis.Redis.from_url(REDIS_URI)
        for key in store.scan_iter(f"*{prefix}*"):
            store.delete(key)


def eleven_failures_split_over_both_workers(server) -> list[int]:
    held = server.hold_a_worker()
    statuses = [server.fail_login() for _ in range(5)]  # all to the other worker
    statuses.append(server.release(held))
    held = server.hold_a_worker()
    statuses += [server.fail_login() for _ in range(4)]
    statuses.append(server.release(held))  # the 11th failure
    assert len(server.worker_pids()) == 2, "both workers served"
    return statuses


@pytest.mark.skipif(
    not redis_available() and os.environ.get("CI") != "true",
    reason="needs the Redis server on 127.0.0.1:6379 (required, never skipped, in CI)",
)
def test_with_redis_the_limit_holds_across_gunicorn_workers(gunicorn):
    assert eleven_failures_split_over_both_workers(gunicorn(REDIS_URI)) == [422] * 10 + [429]


def test_with_the_memory_store_each_worker_counts_alone(gunicorn):
    assert eleven_failures_split_over_both_workers(gunicorn("memory://")) == [422] * 11
