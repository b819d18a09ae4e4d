"""Registering, logging in and out, as a person does it in the browser."""

import pytest
from helpers import PASSWORD


def register(client, email="new@example.com", password=PASSWORD, confirm=None):
    return client.post("/register", data={"email": email, "password": password, "confirm": confirm or password})


def test_the_home_page_sends_visitors_to_log_in_and_members_to_their_tasks(client, alice_client):
    assert client.get("/").headers["Location"] == "/login"
    assert alice_client.get("/").headers["Location"] == "/tasks/"


def test_the_registration_page_has_labelled_fields(client):
    page = client.get("/register").text
    for label in ("Email", "Password", "Confirm password", "Register"):
        assert label in page


def test_registering_the_first_account_logs_the_person_in(client):
    response = register(client)
    assert response.status_code == 302 and response.headers["Location"] == "/tasks/"
    assert "new@example.com" in client.get("/tasks/").text


def test_the_first_account_is_an_admin(client):
    register(client, "first@example.com")
    assert client.get("/users/").status_code == 200


def test_later_accounts_are_not_admins(client, alice):
    register(client, "later@example.com")
    client.post("/login", data={"email": "later@example.com", "password": PASSWORD})
    assert client.get("/users/").status_code == 403


@pytest.mark.parametrize(
    "email, password, confirm, message",
    [
        ("", PASSWORD, PASSWORD, "This field is required."),
        ("not-an-email", PASSWORD, PASSWORD, "Enter a valid email address."),
        ("a@b", PASSWORD, PASSWORD, "Enter a valid email address."),
        ("x" * 250 + "@example.com", PASSWORD, PASSWORD, "Field cannot be longer than 254 characters."),
        ("new@example.com", "short", "short", "Use between 10 and 128 characters."),
        ("new@example.com", "p" * 129, "p" * 129, "Use between 10 and 128 characters."),
        ("new@example.com", PASSWORD, "something else", "The passwords do not match."),
    ],
)
def test_invalid_registrations_are_refused_with_a_message_by_the_field(client, email, password, confirm, message):
    response = register(client, email, password, confirm)
    assert response.status_code == 422
    assert message in response.text
    assert client.get("/tasks/").status_code == 302  # still logged out


def test_an_email_already_registered_in_any_case_makes_no_second_account(client, alice):
    response = register(client, "ALICE@Example.com", password="another good passphrase")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert client.post("/login", data={"email": alice.email, "password": PASSWORD}).status_code == 302


def test_a_registration_error_keeps_what_was_typed_except_passwords(client):
    response = register(client, "kept@example.com", "short", "short")
    assert 'value="kept@example.com"' in response.text
    assert 'value="short"' not in response.text


def test_logging_in_with_the_right_password(client, alice):
    response = client.post("/login", data={"email": "Alice@Example.com", "password": PASSWORD})
    assert response.headers["Location"] == "/tasks/"


@pytest.mark.parametrize(
    "email, password", [("alice@example.com", "wrong password!"), ("nobody@example.com", PASSWORD)]
)
def test_a_failed_login_says_the_same_for_unknown_email_and_wrong_password(client, alice, email, password):
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 422
    assert "Wrong email or password." in response.text


def test_a_deactivated_account_cannot_log_in(client, admin_client, alice):
    admin_client.post(f"/users/{alice.id}/edit", data={"email": alice.email, "is_admin": ""})
    response = client.post("/login", data={"email": alice.email, "password": PASSWORD})
    assert response.status_code == 422


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/items/", "/items/"),
        ("/tasks/?status=pending", "/tasks/?status=pending"),
        ("https://evil.example/", "/tasks/"),
        ("//evil.example/", "/tasks/"),
        ("/\\evil.example", "/tasks/"),
        ("javascript:alert(1)", "/tasks/"),
    ],
)
def test_login_follows_next_only_to_pages_on_this_site(client, alice, target, expected):
    response = client.post("/login", query_string={"next": target}, data={"email": alice.email, "password": PASSWORD})
    assert response.headers["Location"] == expected


def test_a_private_page_sends_visitors_to_log_in_and_back(client, alice):
    response = client.get("/items/")
    assert response.headers["Location"].startswith("/login?next=")


def test_logging_out_ends_the_session(alice_client):
    response = alice_client.post("/logout")
    assert response.headers["Location"] == "/login"
    assert alice_client.get("/tasks/").status_code == 302


def test_logging_out_needs_a_post(alice_client):
    assert alice_client.get("/logout").status_code == 405
    assert alice_client.get("/tasks/").status_code == 200
