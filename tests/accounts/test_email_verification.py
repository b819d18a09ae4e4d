"""Confirming an email: by a link sent to it, a banner until then, and changes that wait for the new address."""

from datetime import timedelta

import pytest
from helpers import PASSWORD, make_app
from smtp_sink import link_in, text_of

from .steps import age_links, logged_in

CONFIRM_SUBJECT = "Confirm your email address"


@pytest.fixture
def alice(accounts, admin):
    """Alice has not confirmed her email yet."""
    return accounts.create("alice@example.com", email_verified=False)


def change_email(client, email, password=PASSWORD):
    return client.post("/account/email", data={"change_email-email": email, "change_email-password": password})


def confirm(client, link):
    assert "Confirm my email address" in client.get(link).text
    return client.post(link)


def test_an_unconfirmed_account_sees_a_banner_with_send_again(alice_client, alice, mailbox):
    page = alice_client.get("/tasks/").text
    assert "Please confirm your email address alice@example.com" in page and "Send again" in page

    alice_client.post("/account/verify-email")
    link = link_in(mailbox.wait_for(alice.email, CONFIRM_SUBJECT))
    assert confirm(alice_client, link).status_code == 302

    page = alice_client.get("/tasks/").text
    assert "Please confirm your email address" not in page
    assert "(confirmed)" in alice_client.get("/account").text


def test_opening_the_link_confirms_nothing_until_the_button_is_pressed(app, alice_client, alice, mailbox):
    alice_client.post("/account/verify-email")
    link = link_in(mailbox.wait_for(alice.email))
    app.test_client().get(link)  # a mail scanner opening every link
    assert "Please confirm your email address" in alice_client.get("/tasks/").text


def test_a_changed_email_takes_effect_only_once_confirmed_and_the_old_address_is_told(
    app, alice_client, alice, mailbox
):
    response = change_email(alice_client, "Alice.New@Example.com")
    assert response.status_code == 302
    page = alice_client.get("/account").text
    assert "Your email changes once you follow it" in page
    assert "Waiting for you to confirm <strong>alice.new@example.com</strong>" in page
    assert app.test_client().post("/login", data={"email": alice.email, "password": PASSWORD}).status_code == 302

    link = link_in(mailbox.wait_for("alice.new@example.com", CONFIRM_SUBJECT))
    confirm(app.test_client(), link)

    notice = mailbox.wait_for(alice.email, "The email of your Taskboard account was changed")
    assert "from alice@example.com to alice.new@example.com" in text_of(notice)
    assert (
        app.test_client().post("/login", data={"email": "alice.new@example.com", "password": PASSWORD}).status_code
        == 302
    )
    assert app.test_client().post("/login", data={"email": alice.email, "password": PASSWORD}).status_code == 422


def test_changing_to_a_taken_email_answers_the_same_and_tells_its_owner(alice_client, admin, alice, mailbox):
    taken = change_email(alice_client, "ADMIN@example.com")
    assert taken.status_code == 302 and taken.headers["Location"] == "/account"
    assert "We sent a link to ADMIN@example.com" in alice_client.get("/account").text
    assert mailbox.wait_for(admin.email)["Subject"] == "Someone tried to use your email address on Taskboard"


def test_a_wrong_password_changes_nothing(alice_client, alice, mailbox):
    response = change_email(alice_client, "new@example.com", password="not my password")
    assert response.status_code == 422 and "The password is not correct." in response.text
    assert mailbox.to("new@example.com") == []


def test_an_older_confirmation_link_cannot_bring_back_an_older_address(app, alice_client, alice, mailbox):
    change_email(alice_client, "first.try@example.com")
    change_email(alice_client, "second.try@example.com")
    first = link_in(mailbox.wait_for("first.try@example.com"))
    second = link_in(mailbox.wait_for("second.try@example.com"))
    confirm(app.test_client(), second)

    assert app.test_client().post(first).status_code == 404


def test_used_expired_and_altered_links_get_the_friendly_page(app, alice_client, alice, mailbox):
    alice_client.post("/account/verify-email")
    age_links(app, timedelta(hours=49))
    assert app.test_client().get(link_in(mailbox.wait_for(alice.email))).status_code == 404

    alice_client.post("/account/verify-email")
    link = link_in(mailbox.wait_for(alice.email, count=2))
    for bad in (link + "x", "/verify-email/nothing"):
        response = app.test_client().get(bad)
        assert response.status_code == 404 and "Request a new link" in response.text
    confirm(app.test_client(), link)
    assert app.test_client().post(link).status_code == 404


def test_require_verified_email_blocks_login_until_confirmed(database_url, mail_server, alice, mailbox):
    app = make_app(database_url, MAIL_URL=mail_server.url, REQUIRE_VERIFIED_EMAIL=True)
    client = app.test_client()

    refused = client.post("/login", data={"email": alice.email, "password": PASSWORD})

    assert refused.status_code == 422 and "Confirm your email address before logging in" in refused.text
    assert not logged_in(client)
    confirm(client, link_in(mailbox.wait_for(alice.email, CONFIRM_SUBJECT)))
    assert client.post("/login", data={"email": alice.email, "password": PASSWORD}).status_code == 302


def test_require_verified_email_still_says_wrong_password_for_a_wrong_password(
    database_url, mail_server, alice, mailbox
):
    app = make_app(database_url, MAIL_URL=mail_server.url, REQUIRE_VERIFIED_EMAIL=True)
    refused = app.test_client().post("/login", data={"email": alice.email, "password": "a wrong guess"})
    assert "Wrong email or password." in refused.text
    assert mailbox.to(alice.email) == []


def test_send_again_is_limited(alice_client):
    for _ in range(5):
        assert alice_client.post("/account/verify-email").status_code == 302
    assert alice_client.post("/account/verify-email").status_code == 429
