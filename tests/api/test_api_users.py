"""/api/v1/users: everyone reads their own account; only admins manage accounts."""

import pytest
from helpers import PASSWORD

from webapp.models import EMAIL_MAX
from webapp.passwords import PASSWORD_MIN

from .helpers import field_locs


def test_me_is_the_account_the_token_belongs_to(alice_api, alice):
    alice_api.post("/items/", json={"title": "Passport"})

    me = alice_api.get("/users/me").get_json()

    assert (me["id"], me["email"], me["is_admin"], me["is_active"]) == (alice.id, alice.email, False, True)
    assert [item["title"] for item in me["items"]] == ["Passport"]
    assert "password_hash" not in me


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/users/"), ("POST", "/users/"), ("GET", "/users/1"), ("PATCH", "/users/1"), ("DELETE", "/users/1")],
)
def test_non_admins_get_403_from_user_management(alice_api, admin, method, path):
    response = alice_api.request(method, path, json={"is_admin": True})

    assert response.status_code == 403
    assert response.get_json() == {"detail": "Forbidden"}
    assert admin.is_admin


def test_admins_list_users_newest_first_with_the_total(admin_api, admin, alice):
    body = admin_api.get("/users/?limit=1").get_json()

    assert body["total"] == 2
    assert [u["email"] for u in body["items"]] == [alice.email]


def test_admins_create_users_with_201(admin_api, accounts):
    response = admin_api.post("/users/", json={"email": "Carol@Example.com", "password": PASSWORD})

    assert response.status_code == 201
    carol = response.get_json()
    assert (carol["email"], carol["is_admin"]) == ("carol@example.com", False)
    assert response.headers["Location"] == f"/api/v1/users/{carol['id']}"


def test_a_taken_email_in_any_case_is_400_naming_the_email(admin_api, alice):
    response = admin_api.post("/users/", json={"email": alice.email.upper(), "password": PASSWORD})

    assert response.status_code == 400
    assert response.get_json()["detail"] == [
        {"loc": ["email"], "msg": "Email already registered", "type": "email_taken"}
    ]


@pytest.mark.parametrize(
    ("body", "bad_field"),
    [
        ({"email": "not-an-email", "password": PASSWORD}, "email"),
        ({"email": "a" * EMAIL_MAX + "@example.com", "password": PASSWORD}, "email"),
        ({"email": "carol@example.com", "password": "x" * (PASSWORD_MIN - 1)}, "password"),
        ({"email": "carol@example.com"}, "password"),
        ({"email": "carol@example.com", "password": "password123"}, "password"),
        ({"email": "carol.long@example.com", "password": "carol.long@example.com"}, "password"),
        ({"email": "carol@example.com", "password": PASSWORD, "is_admin": "yes"}, "is_admin"),
        ({"email": "carol@example.com", "password": PASSWORD, "is_active": False}, "is_active"),
    ],
)
def test_an_invalid_new_user_is_422_naming_the_field(admin_api, body, bad_field):
    response = admin_api.post("/users/", json=body)

    assert response.status_code == 422
    assert field_locs(response) == {bad_field}
    assert admin_api.get("/users/").get_json()["total"] == 2


def test_admins_read_patch_and_delete_users(admin_api, alice):
    assert admin_api.get(f"/users/{alice.id}").get_json()["email"] == alice.email

    patched = admin_api.patch(f"/users/{alice.id}", json={"is_active": False}).get_json()
    assert (patched["email"], patched["is_active"], patched["is_admin"]) == (alice.email, False, False)

    assert admin_api.delete(f"/users/{alice.id}").status_code == 204
    assert admin_api.get(f"/users/{alice.id}").get_json() == {"detail": "User not found"}


def test_patching_to_a_taken_email_is_400(admin_api, admin, alice):
    response = admin_api.patch(f"/users/{alice.id}", json={"email": admin.email})

    assert response.status_code == 400
    assert field_locs(response) == {"email"}


@pytest.mark.parametrize(("change", "field"), [({"is_active": False}, "is_active"), ({"is_admin": False}, "is_admin")])
def test_admins_cannot_lock_themselves_out(admin_api, admin, change, field):
    response = admin_api.patch(f"/users/{admin.id}", json=change)

    assert response.status_code == 400
    assert field_locs(response) == {field}
    assert admin_api.get("/users/me").get_json()["is_admin"] is True


def test_admins_cannot_delete_themselves(admin_api, admin):
    response = admin_api.delete(f"/users/{admin.id}")

    assert response.status_code == 400
    assert admin_api.get("/users/me").status_code == 200
