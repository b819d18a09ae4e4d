"""Behind nginx, as the README deploys it: TLS, client addresses, limits and slow clients handled right."""

import http.client
import os
import re
import time
import uuid

import flask_migrate
import pytest
import redis
from helpers import SERVER_URL, make_app

from webapp.extensions import db

from .reverse_proxy import NGINX, REQUEST_ID, HttpsClient, free_port, slow_client, start_instance, start_nginx
from .servers import PASSWORD, SECRET_KEY, stop_gunicorn

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")


def require(condition: bool, message: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """nginx on deploy/nginx/taskboard.conf before two instances of deploy/systemd/taskboard@.service,
    one sync worker each, sharing a SQLite database and Redis rate-limit counters."""
    if SERVER_URL:
        pytest.skip("runs once, in the SQLite pass: nothing it checks depends on the database")
    require(NGINX.exists(), f"{NGINX} is missing: apt-get install nginx")
    require(redis_answers(), f"no Redis answers at {REDIS_URL} (the rate limits are shared through it)")
    folder = tmp_path_factory.mktemp("proxy")
    env = {
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": f"sqlite:///{folder / 'taskboard.db'}",
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": f"proxy-test-{uuid.uuid4().hex}",
        "WEB_CONCURRENCY": "1",
        "TASKBOARD_INSTANCE_PATH": str(folder / "instance"),
    }
    app = make_app(env["DATABASE_URL"])
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    ports = [free_port(), free_port()]
    instances = []
    proxy = None
    try:
        for number, port in enumerate(ports):
            instances.append(start_instance(port, env, folder / f"gunicorn{number}.log"))
        proxy = start_nginx(folder / "nginx", ports)
        yield proxy
    finally:
        if proxy:
            proxy.stop()
        for instance in instances:
            stop_gunicorn(instance.process)


def test_the_session_cookie_is_secure_and_host_bound_and_hsts_is_sent(nginx):
    answer = HttpsClient(nginx).get("/login")

    assert answer.status == 200
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
    assert REQUEST_ID.fullmatch(answer.headers["X-Request-ID"])  # nginx's $request_id, passed through


def test_redirects_stay_on_https(nginx):
    browser = HttpsClient(nginx, source="127.0.0.4")
    registered = browser.submit(
        "/register", {"email": "proxied@example.com", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert registered.status == 302
    for answer in (registered, HttpsClient(nginx).get("/tasks/")):
        location = answer.headers["Location"]
        assert location.startswith(("/", f"https://127.0.0.1:{nginx.https_port}/")), location
    assert browser.get("/tasks/").status == 200


def test_plain_http_is_sent_to_https(nginx):
    connection = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
    connection.request("GET", "/tasks/")
    answer = connection.getresponse()
    connection.close()
    assert answer.status == 301
    assert answer.headers["Location"].startswith("https://")


def test_rate_limits_count_each_clients_own_address_not_the_proxys(nginx):
    attacker, bystander = HttpsClient(nginx, source="127.0.0.2"), HttpsClient(nginx, source="127.0.0.3")
    for number in range(10):
        assert (
            attacker.submit("/login", {"email": f"guess{number}@example.com", "password": "wrong password"}).status
            == 422
        )

    assert attacker.submit("/login", {"email": "guess@example.com", "password": "wrong password"}).status == 429
    assert bystander.submit("/login", {"email": "guess@example.com", "password": "wrong password"}).status == 422


def test_a_body_over_the_limit_gets_413(nginx):
    answer = HttpsClient(nginx).request(
        "POST", "/login", b"x" * (2 * 1024 * 1024), {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert answer.status == 413


def test_slow_clients_do_not_tie_up_the_sync_workers(nginx):
    # Twice as many stalled uploads as there are workers: nginx holds them, gunicorn never sees them.
    stalled = [slow_client(nginx) for _ in range(4)]
    try:
        started = time.monotonic()
        answer = HttpsClient(nginx).get("/login")
        assert answer.status == 200
        assert time.monotonic() - started < 3
    finally:
        for sock in stalled:
            sock.close()


def test_static_files_come_from_nginx_hashed_compressed_and_kept_for_a_year(nginx):
    page = HttpsClient(nginx).get("/login").text
    stylesheet = re.search(r'href="(/static/css/app-[0-9a-f]{32}\.css)"', page)
    assert stylesheet, "the page links its stylesheet by a content-hashed name"

    answer = HttpsClient(nginx).request("GET", stylesheet.group(1), None, {"Accept-Encoding": "gzip"})

    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["Content-Encoding"] == "gzip"
