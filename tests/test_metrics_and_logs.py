"""Operators see metrics only where they asked for them, and every log line names its request."""

import json
import logging

import pytest
from helpers import make_app
from prometheus_client import REGISTRY

TOKEN = "scrape-me-please-0123456789"


def test_metrics_are_not_served_by_default(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_metrics_are_served_to_a_scraper_with_the_token_only(database_url):
    client = make_app(database_url, METRICS_TOKEN=TOKEN).test_client()
    client.get("/login")

    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})

    assert response.status_code == 200
    assert 'taskboard_http_requests_total{endpoint="auth.login",method="GET",status="200"}' in response.text
    assert "taskboard_http_request_duration_seconds_bucket" in response.text
    assert "taskboard_db_pool_connections_in_use" in response.text


def test_requests_refused_by_a_rate_limit_are_counted(client, alice):
    def hits() -> float:
        return REGISTRY.get_sample_value("taskboard_rate_limit_hits_total", {"endpoint": "auth.login"}) or 0.0

    before = hits()
    for _ in range(11):
        response = client.post(
            "/login",
            data={"email": alice.email, "password": "wrong password"},
            environ_base={"REMOTE_ADDR": "10.9.9.9"},
        )
    assert response.status_code == 429
    assert hits() == before + 1


def test_every_response_carries_a_new_request_id(client):
    first, second = client.get("/login"), client.get("/login")
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    # Without a trusted proxy in front, a client cannot choose its id.
    assert client.get("/login", headers={"X-Request-ID": "chosen"}).headers["X-Request-ID"] != "chosen"


def test_behind_a_trusted_proxy_the_proxys_request_id_is_kept(database_url):
    client = make_app(database_url, TRUSTED_PROXIES=1).test_client()
    assert client.get("/login", headers={"X-Request-ID": "nginx-4f2a"}).headers["X-Request-ID"] == "nginx-4f2a"


@pytest.fixture
def root_handlers():
    """LOG_FORMAT=json takes over the root logger; put it back afterwards."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    yield
    root.handlers[:], level = saved
    root.setLevel(level)


def test_json_logs_are_one_object_per_line_with_the_request_id(database_url, capsys, root_handlers):
    client = make_app(database_url, LOG_FORMAT="json").test_client()

    response = client.post("/login", data={"email": "nobody@example.com", "password": "wrong password"})

    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    request_id = response.headers["X-Request-ID"]
    mine = [line for line in lines if line["request_id"] == request_id]
    assert {line["logger"] for line in mine} >= {"taskboard.security", "taskboard.requests"}
    access = next(line for line in mine if line["logger"] == "taskboard.requests")
    assert (access["method"], access["path"], access["status"]) == ("POST", "/login", 422)
