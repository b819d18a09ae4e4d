"""The login limit holds across the workers of one gunicorn: with Redis, and with the default store.

gunicorn runs two sync workers, each of which serves one request at a time. A
login whose body has not arrived yet keeps one worker busy, so the requests
sent meanwhile must go to the other: the failures are split between both
workers on purpose. With the per-process memory store each worker counts
alone and the 11th failure passes; with Redis, or the file in the instance
folder that `make run` uses when RATELIMIT_STORAGE_URI is unset, it is refused.
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
WRONG_LOGIN = {"email": "alice@example.com", "password": "not the password"}


def redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URI, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


class Gunicorn:
    """gunicorn with two sync workers on a free port of 127.0.0.1; the access log names each worker."""

    def __init__(self, arguments: list[str], env, access_log: Path):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.access_log = access_log
        env = {**env, "GUNICORN_CMD_ARGS": f"--access-logfile {access_log} --access-logformat '%(p)s %(s)s'"}
        self.process = subprocess.Popen(
            [str(gunicorn), *arguments], cwd=PROJECT, env=env, stderr=subprocess.PIPE, text=True
        )
        try:
            self.host, self.port = self._wait_for_workers()
            self.headers, self.wrong_login = self._open_login_form()
        except Exception:
            self.stop()
            raise

    def _open_login_form(self) -> tuple[dict, bytes]:
        """The session cookie and CSRF token a browser gets with the login form (when CSRF is on)."""
        with urllib.request.urlopen(f"http://{self.host}:{self.port}/login", timeout=10) as response:
            cookie = response.headers.get("Set-Cookie", "").split(";")[0]
            page = response.read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        form = {**WRONG_LOGIN, **({"csrf_token": token.group(1)} if token else {})}
        return ({"Cookie": cookie} if cookie else {}), urllib.parse.urlencode(form).encode()

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
        request = urllib.request.Request(
            f"http://{self.host}:{self.port}/login", data=self.wrong_login, headers=self.headers
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def hold_a_worker(self) -> socket.socket:
        """Start a failed login but keep its body back: the worker that took it waits for it."""
        connection = socket.create_connection((self.host, self.port), timeout=10)
        headers = "".join(f"{name}: {value}\r\n" for name, value in self.headers.items())
        connection.sendall(
            b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            + headers.encode()
            + b"Content-Length: "
            + str(len(self.wrong_login)).encode()
            + b"\r\n\r\n"
        )
        time.sleep(0.5)  # until a worker has accepted it
        return connection

    def release(self, connection: socket.socket) -> int:
        connection.sendall(self.wrong_login)
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
    """Starts gunicorn with RATELIMIT_STORAGE_URI set to a store, or as `make run` does without one."""
    servers = []
    prefix = f"taskboard-test-{uuid.uuid4().hex}"

    def start(storage_uri: str | None = None):
        env = {key: value for key, value in os.environ.items() if key != "RATELIMIT_STORAGE_URI"}
        env.update(DATABASE_URL=database_url, RATELIMIT_KEY_PREFIX=prefix, TASKBOARD_INSTANCE_PATH=str(tmp_path))
        access_log = tmp_path / f"access-{len(servers)}.log"
        if storage_uri is None:
            servers.append(make_run(env, access_log))
        else:
            env.update(TASKBOARD_CONFIG="testing", RATELIMIT_STORAGE_URI=storage_uri)
            arguments = [
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
                "wsgi:app",
            ]
            servers.append(Gunicorn(arguments, env, access_log))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()
    if redis_available():
        store = redis.Redis.from_url(REDIS_URI)
        for key in store.scan_iter(f"*{prefix}*"):
            store.delete(key)


def make_run(env, access_log: Path) -> Gunicorn:
    """What `make run` runs, in the configuration it runs in (development, CSRF on, defaults)."""
    env.pop("TASKBOARD_CONFIG", None)
    env.pop("WEB_CONCURRENCY", None)
    flask = Path(sys.executable).with_name("flask")
    subprocess.run(
        [str(flask), "--app", "wsgi", "db", "upgrade"],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        env["PORT"] = str(probe.getsockname()[1])
    return Gunicorn(["--config", "gunicorn.conf.py", "wsgi:app"], env, access_log)


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


def test_under_make_run_without_any_store_configured_the_limit_holds_across_its_two_workers(gunicorn):
    assert eleven_failures_split_over_both_workers(gunicorn()) == [422] * 10 + [429]


def test_with_the_memory_store_each_worker_counts_alone(gunicorn):
    assert eleven_failures_split_over_both_workers(gunicorn("memory://")) == [422] * 11
