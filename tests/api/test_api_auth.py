"""Only a personal token opens the API, and a token opens nothing else."""

from datetime import timedelta

import pytest
from helpers import make_app
from sqlalchemy import select, update

from webapp import crud
from webapp.extensions import db
from webapp.models import ApiToken, User

from .helpers import ApiClient

EVERY_ENDPOINT = [
    ("GET", "/users/me"),
    ("GET", "/users/"),
    ("POST", "/users/"),
    ("GET", "/users/1"),
    ("PATCH", "/users/1"),
    ("DELETE", "/users/1"),
    ("GET", "/items/"),
    ("POST", "/items/"),
    ("GET", "/items/1"),
    ("PATCH", "/items/1"),
    ("DELETE", "/items/1"),
    ("GET", "/tasks/"),
    ("POST", "/tasks/"),
    ("GET", "/tasks/1"),
    ("PATCH", "/tasks/1"),
    ("DELETE", "/tasks/1"),
]


@pytest.mark.parametrize(("method", "path"), EVERY_ENDPOINT)
@pytest.mark.parametrize("authorization", [None, "Bearer", "Bearer tb_not-a-real-token", "Basic dXNlcjpwYXNz"])
def test_every_endpoint_is_401_without_a_valid_token(anonymous_api, alice, method, path, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = anonymous_api.request(method, path, headers=headers, json={"title": "sneaky"})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "Bearer" in response.get_json()["detail"]


def test_a_logged_in_browser_session_does_not_open_the_api(alice_client):
    """So a page on another site cannot use someone's cookies to call the API."""
    response = alice_client.post("/api/v1/tasks/", json={"title": "Forged"})

    assert response.status_code == 401
    assert "Forged" not in alice_client.get("/tasks/").text


def test_a_token_does_not_open_the_pages(client, tokens, alice):
    secret = tokens.create(alice)

    response = client.get("/tasks/", headers={"Authorization": f"Bearer {secret}"})

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_api_needs_no_csrf_token_even_where_forms_need_one(database_url, tokens, alice):
    api = ApiClient(make_app(database_url, WTF_CSRF_ENABLED=True).test_client(), tokens.create(alice))

    assert api.post("/tasks/", json={"title": "No CSRF needed"}).status_code == 201


def test_a_revoked_token_stops_working(app, tokens, alice):
    api = tokens.client_for(alice)
    assert api.get("/users/me").status_code == 200

    with app.app_context():
        owner = db.session.get(User, alice.id)
        crud.revoke_api_token(owner, crud.list_api_tokens(owner)[0].id)

    assert api.get("/users/me").status_code == 401


def test_the_token_of_a_deactivated_account_stops_working(admin_api, tokens, alice):
    api = tokens.client_for(alice)

    admin_api.patch(f"/users/{alice.id}", json={"is_active": False})

    assert api.get("/users/me").status_code == 401


def test_reactivating_an_account_does_not_revive_its_old_tokens(admin_api, tokens, alice):
    api = tokens.client_for(alice)
    admin_api.patch(f"/users/{alice.id}", json={"is_active": False})

    admin_api.patch(f"/users/{alice.id}", json={"is_active": True})

    assert api.get("/users/me").status_code == 401
    assert tokens.client_for(alice).get("/users/me").status_code == 200


def test_using_a_token_records_when_it_was_last_used(app, tokens, alice):
    api = tokens.client_for(alice)

    def last_used():
        with app.app_context():
            return db.session.execute(select(ApiToken.last_used_at)).scalar_one()

    assert last_used() is None
    api.get("/users/me")
    first_use = last_used()
    assert first_use is not None

    with app.app_context():
        db.session.execute(update(ApiToken).values(last_used_at=first_use - timedelta(hours=1)))
        db.session.commit()
    api.get("/users/me")
    assert last_used() > first_use - timedelta(hours=1)


def test_only_a_hash_of_the_token_is_stored(app, tokens, alice):
    secret = tokens.create(alice)

    with app.app_context():
        stored = db.session.execute(select(ApiToken)).scalar_one()
        assert secret not in (stored.token_hash, stored.name)
        assert len(stored.token_hash) == 64


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/nothing-here", 404), ("PUT", "/tasks/1", 405), ("GET", "/tasks/1/extra", 404)],
)
def test_api_errors_are_json_not_html_pages(alice_api, method, path, status):
    response = alice_api.request(method, path)

    assert response.status_code == status
    assert response.is_json
    assert "detail" in response.get_json()


def test_a_body_over_the_limit_is_a_json_413(database_url, tokens, alice):
    api = ApiClient(make_app(database_url, MAX_CONTENT_LENGTH=1024).test_client(), tokens.create(alice))

    response = api.post("/tasks/", json={"title": "big", "description": "x" * 2048})

    assert response.status_code == 413
    assert response.is_json


def test_the_api_answers_a_json_503_when_the_database_is_unreachable():
    # Nothing listens on port 9 of this machine, so every connection is refused at once.
    api = ApiClient(make_app("postgresql+psycopg://postgres@127.0.0.1:9/taskboard").test_client(), "tb_any")

    response = api.get("/tasks/")

    assert response.status_code == 503
    assert response.is_json
    assert response.headers["Retry-After"]
