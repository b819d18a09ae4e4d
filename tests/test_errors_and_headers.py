"""Errors are friendly pages, and every response carries the protective headers."""

import pytest
from flask import request
from helpers import make_app
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Item


def test_a_404_is_a_page_in_the_site_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.text and "Taskboard" in response.text


def test_a_405_is_a_friendly_page(client):
    response = client.put("/login")
    assert response.status_code == 405 and "Method not allowed" in response.text


def test_a_body_over_the_limit_gets_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/login", data={"email": "x" * 2048, "password": "y"})
    assert response.status_code == 413 and "Too large" in response.text


def test_the_default_body_limit_is_one_mebibyte(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024


def test_a_crash_is_a_500_page_without_traceback_and_its_writes_are_undone(database_url, app, accounts, alice):
    crashing = make_app(database_url, PROPAGATE_EXCEPTIONS=False)

    @crashing.post("/crash-after-writing")
    def crash_after_writing():
        db.session.add(Item(owner_id=alice.id, title="half-written"))
        db.session.flush()
        raise RuntimeError("secret internals")

    client = crashing.test_client()
    accounts.login(client, alice.email)
    response = client.post("/crash-after-writing")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item)) == 0
    assert client.get("/items/").status_code == 200


def test_every_response_carries_protective_headers(client):
    for response in (client.get("/login"), client.get("/missing"), client.get("/healthz")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


def test_the_session_cookie_is_httponly_and_samesite_lax(client, alice):
    response = client.post("/login", data={"email": alice.email, "password": "correct horse battery"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_health_check_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok"}


def test_the_health_check_reports_an_unreachable_database_as_503(tmp_path):
    broken = make_app(f"sqlite:///{tmp_path}/missing-dir/none.db")
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "unreachable"


def test_bootstrap_is_served_by_the_app_itself(client):
    page = client.get("/login").text
    assert "cdn" not in page.lower()
    assert client.get("/bootstrap/static/css/bootstrap.min.css").status_code == 200


@pytest.mark.parametrize(
    "trusted_proxies, seen",
    [
        (0, "http://localhost/where from 127.0.0.1"),
        (1, "https://tasks.example.org/where from 203.0.113.7"),
    ],
)
def test_forwarded_headers_count_only_when_proxies_are_trusted(database_url, trusted_proxies, seen):
    app = make_app(database_url, TRUSTED_PROXIES=trusted_proxies)
    app.add_url_rule("/where", "where", lambda: f"{request.url} from {request.remote_addr}")
    response = app.test_client().get(
        "/where",
        headers={
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "tasks.example.org",
            "X-Forwarded-For": "203.0.113.7",
        },
    )
    assert response.text == seen
