"""Response headers: a strict Content-Security-Policy, no inline script, HSTS over HTTPS only."""

import re

import pytest
from helpers import make_app

from webapp import crud
from webapp.extensions import db
from webapp.models import User

CSP_DIRECTIVES = {
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
}
PAGES = ["/login", "/register", "/tasks/", "/tasks/new", "/items/", "/items/new", "/account", "/users/", "/missing"]


def directives(response) -> set[str]:
    return {part.strip() for part in response.headers["Content-Security-Policy"].split(";")}


@pytest.mark.parametrize("path", [*PAGES, "/healthz", "/static/css/app.css"])
def test_every_response_carries_the_protective_headers(admin_client, path):
    response = admin_client.get(path)
    assert directives(response) >= CSP_DIRECTIVES
    assert not any("unsafe-inline" in d or "unsafe-eval" in d for d in directives(response))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin", "no-referrer"}
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path", [*PAGES, "/tasks/export.csv", "/tasks/trash", "/tasks/import", "/account/tokens/", "/users/1"]
)
def test_no_answer_of_the_app_may_be_stored_by_a_browser_or_proxy(admin_client, path):
    assert admin_client.get(path).headers["Cache-Control"] == "no-store"


def test_the_page_showing_a_new_api_token_once_may_not_be_stored(admin_client):
    response = admin_client.post("/account/tokens/", data={"name": "laptop"})

    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/tasks/"), ("POST", "/tasks/"), ("GET", "/users/me"), ("GET", "/nothing")]
)
def test_no_api_answer_may_be_stored(app, admin, method, path):
    with app.app_context():
        _, secret = crud.create_api_token(db.session.get(User, admin.id), "script")
    response = app.test_client().open(
        f"/api/v1{path}",
        method=method,
        json={"title": "x"} if method == "POST" else None,
        headers={"Authorization": f"Bearer {secret}"},
    )

    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_relies_on_inline_script_or_style(admin_client, path):
    page = admin_client.get(path).text
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts and all('src="/' in attributes and not body.strip() for attributes, body in scripts)
    assert not re.search(r"\son[a-z]+\s*=", page), "inline event handler"
    assert not re.search(r"\sstyle\s*=", page), "inline style attribute"
    assert "javascript:" not in page


def test_hsts_is_sent_over_https_only(database_url):
    client = make_app(database_url, PREFERRED_URL_SCHEME="https").test_client()
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    assert int(secure.headers["Strict-Transport-Security"].split("=")[1].split(";")[0]) >= 31536000
    assert "Strict-Transport-Security" not in client.get("/login", base_url="http://localhost").headers


def test_behind_a_trusted_proxy_https_is_recognised_from_x_forwarded_proto(database_url):
    proxied = make_app(database_url, TRUSTED_PROXIES=1).test_client()
    response = proxied.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers
    direct = make_app(database_url).test_client()
    assert "Strict-Transport-Security" not in direct.get("/login", headers={"X-Forwarded-Proto": "https"}).headers
