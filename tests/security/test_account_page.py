"""The account page: change the email (with the password) and the password (with the old one)."""

import re

import pytest
from helpers import PASSWORD, make_app
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User

NEW_PASSWORD = "a different good password"


def change_email(client, email, password=PASSWORD):
    return client.post("/account/email", data={"change_email-email": email, "change_email-password": password})


def change_password(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post(
        "/account/password",
        data={
            "change_password-current_password": current,
            "change_password-password": new,
            "change_password-confirm": confirm or new,
        },
    )


def emails(app):
    with app.app_context():
        return set(db.session.scalars(select(User.email)))


def test_the_account_page_needs_a_login(client):
    assert client.get("/account").headers["Location"].startswith("/login?next=")
    assert change_email(client, "x@example.com").headers["Location"].startswith("/login")


def test_the_account_page_shows_both_forms_with_labels(alice_client):
    page = alice_client.get("/account")
    assert page.status_code == 200
    for text in (
        "alice@example.com",
        "New email",
        "Current password",
        "New password",
        "Confirm new password",
        "Change email",
        "Change password",
    ):
        assert text in page.text


def test_changing_the_email_with_the_password_sends_a_confirmation_link(app, alice_client, mailbox):
    response = change_email(alice_client, "Alice.New@Example.com")
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert "alice.new@example.com" in alice_client.get("/account").text
    assert mailbox.wait_for("alice.new@example.com", "Confirm your email address")
    assert "alice@example.com" in emails(app)  # until the link is followed (tests/accounts)


@pytest.mark.parametrize(
    "email, password, message",
    [
        ("new@example.com", "not my password", "The password is not correct."),
        ("new@example.com", "", "This field is required."),
        ("not-an-email", PASSWORD, "Enter a valid email address."),
    ],
)
def test_a_refused_email_change_says_why_and_changes_nothing(app, alice_client, email, password, message):
    before = emails(app)
    response = change_email(alice_client, email, password)
    assert response.status_code == 422 and message in response.text
    assert emails(app) == before
    assert alice_client.get("/tasks/").status_code == 200


def test_changing_the_password_with_the_old_one(alice_client, client, alice):
    response = change_password(alice_client)
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert client.post("/login", data={"email": alice.email, "password": PASSWORD}).status_code == 422
    assert client.post("/login", data={"email": alice.email, "password": NEW_PASSWORD}).status_code == 302


@pytest.mark.parametrize(
    "current, new, confirm, message",
    [
        ("not my password", NEW_PASSWORD, None, "The password is not correct."),
        (PASSWORD, "short", None, "Use between 10 and 128 characters."),
        (PASSWORD, "1qaz2wsx3edc", None, "This password is too common."),
        (PASSWORD, "alice@example.com", None, "The password cannot be your email address."),
        (PASSWORD, NEW_PASSWORD, "something else", "The passwords do not match."),
    ],
)
def test_a_refused_password_change_says_why_and_keeps_the_old_password(
    alice_client, client, alice, current, new, confirm, message
):
    response = change_password(alice_client, current, new, confirm)
    assert response.status_code == 422 and message in response.text
    assert client.post("/login", data={"email": alice.email, "password": PASSWORD}).status_code == 302


def test_passwords_typed_into_the_account_forms_are_never_shown_back(alice_client):
    response = change_password(alice_client, "not my password")
    assert "not my password" not in response.text and NEW_PASSWORD not in response.text


def test_the_navigation_bar_links_to_the_account_page(alice_client):
    assert 'href="/account"' in alice_client.get("/tasks/").text


def test_with_csrf_on_the_account_forms_need_the_token_the_page_gave(database_url, app, accounts, alice):
    browser = make_app(database_url, WTF_CSRF_ENABLED=True).test_client()
    login_page = browser.get("/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    browser.post("/login", data={"csrf_token": token, "email": alice.email, "password": PASSWORD})
    data = {
        "change_password-current_password": PASSWORD,
        "change_password-password": NEW_PASSWORD,
        "change_password-confirm": NEW_PASSWORD,
    }
    assert browser.post("/account/password", data=data).status_code == 400
    page = browser.get("/account").text
    token = re.search(r'name="change_password-csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert browser.post("/account/password", data={**data, "change_password-csrf_token": token}).status_code == 302
