"""With Redis as the store, the login limit holds across gunicorn processes.

Two gunicorn servers (each a separate process, as two workers are) share one
Redis; failures split between them still add up to one limit. The same run
against the per-process memory store shows what the shared store prevents.
"""

import os
import re
import signal
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


def redis_available() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URI, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


class Server:
    """One gunicorn master with one worker, on a free port of 127.0.0.1."""

    def __init__(self, env):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "--config", "gunicorn.conf.py", "--bind", "127.0.0.1:0", "--workers", "1",
             "--no-control-socket", "wsgi:app"],
            cwd=PROJECT, env=env, stderr=subprocess.PIPE, text=True,
        )
        self.url = None

    def wait_until_ready(self) -> None:
        self.url = self._address()

    def _address(self) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            match = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", line)
            if match:
                return match.group(1)
            if not line and self.process.poll() is not None:
                break
        self.stop()
        self.wait_until_stopped()
        raise RuntimeError("gunicorn did not start")

    def post_login(self, email, password) -> int:
        body = urllib.parse.urlencode({"email": email, "password": password}).encode()
        try:
            with urllib.request.urlopen(urllib.request.Request(f"{self.url}/login", data=body), timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def stop(self):
        self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown

    def wait_until_stopped(self):
        self.process.wait(timeout=15)


@pytest.fixture
def two_servers(database_url, alice):
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
        pair = [Server(env), Server(env)]  # both boot at once
        servers.extend(pair)
        for server in pair:
            server.wait_until_ready()
        return pair

    yield start
    for server in servers:
        server.stop()
    for server in servers:
        server.wait_until_stopped()
    store = redis.Redis.from_url(REDIS_URI)
    for key in store.scan_iter(f"*{prefix}*"):
        store.delete(key)


def alternate_failures(servers, email, count) -> list[int]:
    return [servers[n % 2].post_login(email, "not the password") for n in range(count)]


@pytest.mark.skipif(not redis_available(), reason="needs the Redis server on 127.0.0.1:6379")
def test_with_redis_ten_failures_split_across_processes_trigger_the_limit(two_servers, alice):
    servers = two_servers(REDIS_URI)
    assert alternate_failures(servers, alice.email, 10) == [422] * 10
    assert servers[0].post_login(alice.email, "not the password") == 429
    assert servers[1].post_login(alice.email, "not the password") == 429


def test_with_the_memory_store_each_process_counts_alone(two_servers, alice):
    servers = two_servers("memory://")
    assert alternate_failures(servers, alice.email, 12) == [422] * 12
