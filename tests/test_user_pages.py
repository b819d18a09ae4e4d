"""User administration: admins list, create, edit and delete accounts."""

import re

import pytest
from helpers import PASSWORD, created_id


def test_admins_see_every_user_with_their_items(admin_client, alice_client):
    alice_client.post("/items/new", data={"title": "Alice's lamp"})
    page = admin_client.get("/users/").text
    assert "alice@example.com" in page and "admin@example.com" in page
    assert "Alice&#39;s lamp" in page


def test_admins_create_users_who_can_then_log_in(admin_client, client, accounts):
    response = admin_client.post("/users/new", data={"email": "Carol@Example.com", "password": PASSWORD})
    user_id = created_id(response)
    assert response.headers["Location"] == f"/users/{user_id}"
    assert "carol@example.com" in admin_client.get(f"/users/{user_id}").text
    accounts.login(client, "carol@example.com")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "alice@example.com", "password": PASSWORD}, "Email already registered"),
        ({"email": "nope", "password": PASSWORD}, "Enter a valid email address."),
        ({"email": "carol@example.com", "password": "short"}, "Use between 10 and 128 characters."),
    ],
)
def test_invalid_new_users_are_refused(admin_client, data, message):
    response = admin_client.post("/users/new", data=data)
    assert response.status_code == 422 and message in response.text


def test_a_user_page_shows_task_counts_and_items(admin_client, alice_client, alice):
    alice_client.post("/tasks/new", data={"title": "One", "status": "completed"})
    alice_client.post("/items/new", data={"title": "Desk"})
    page = admin_client.get(f"/users/{alice.id}").text
    assert "Completed: 1" in page and "Pending: 0" in page and "Desk" in page


def test_admins_edit_email_and_flags(admin_client, alice):
    response = admin_client.post(
        f"/users/{alice.id}/edit", data={"email": "alice@new.example", "is_active": "y", "is_admin": "y"}
    )
    assert response.headers["Location"] == f"/users/{alice.id}"
    page = admin_client.get(f"/users/{alice.id}").text
    assert "alice@new.example" in page and "Admin" in page


def test_an_edit_to_a_taken_email_is_refused(admin_client, alice):
    response = admin_client.post(f"/users/{alice.id}/edit", data={"email": "ADMIN@example.com", "is_active": "y"})
    assert response.status_code == 422 and "Email already registered" in response.text
    assert "alice@example.com" in admin_client.get(f"/users/{alice.id}").text


def test_admins_cannot_deactivate_or_delete_themselves(admin_client, admin):
    response = admin_client.post(f"/users/{admin.id}/edit", data={"email": admin.email, "is_admin": "y"})
    assert response.status_code == 422 and "cannot deactivate yourself" in response.text
    response = admin_client.post(f"/users/{admin.id}/delete", follow_redirects=True)
    assert "cannot delete your own account" in response.text
    assert admin_client.get("/users/").status_code == 200


@pytest.mark.parametrize(
    ("data", "field_label"),
    [({"is_admin": "y"}, "Active"), ({"is_active": "y"}, "Administrator")],
)
def test_an_admin_locking_themselves_out_is_told_so_under_the_box_they_unticked(admin_client, admin, data, field_label):
    response = admin_client.post(f"/users/{admin.id}/edit", data={"email": admin.email, **data})
    assert response.status_code == 422
    field_of_error = re.search(
        r'<label[^>]*>\s*([^<]+?)\s*</label>\s*(?:<[^>]*>\s*)*<div class="invalid-feedback[^"]*">\s*You cannot',
        response.text,
    )
    assert field_of_error is not None and field_of_error.group(1) == field_label


def test_deleting_a_user_removes_their_account(admin_client, client, alice):
    assert admin_client.post(f"/users/{alice.id}/delete").headers["Location"] == "/users/"
    assert admin_client.get(f"/users/{alice.id}").status_code == 404
    assert client.post("/login", data={"email": alice.email, "password": PASSWORD}).status_code == 422


def test_admins_add_an_item_for_a_user(admin_client, alice_client, alice):
    response = admin_client.post(f"/users/{alice.id}/items/new", data={"title": "Badge"})
    assert response.headers["Location"] == f"/users/{alice.id}"
    assert "Badge" in alice_client.get("/items/").text


def test_a_deactivated_user_loses_their_session(admin_client, alice_client, alice):
    admin_client.post(f"/users/{alice.id}/edit", data={"email": alice.email})
    assert alice_client.get("/tasks/").status_code == 302
