"""Who may register (open, invite, closed), and a registration that never tells whether an email is taken."""

import re
from datetime import timedelta

import pytest
from helpers import PASSWORD, make_app
from smtp_sink import link_in, text_of
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import User

from .steps import age_links, logged_in


def register(client, email, path="/register", password=PASSWORD):
    return client.post(path, data={"email": email, "password": password, "confirm": password})


def set_mode(admin_client, mode):
    response = admin_client.post("/users/registration", data={"mode": mode})
    assert response.status_code == 302, response.text


def invitation_link(admin_client, email=""):
    response = admin_client.post("/users/invitations", data={"email": email})
    assert response.status_code == 201
    return re.search(r'id="invitation-link" value="http://localhost(/register/[^"]+)"', response.text).group(1)


def test_the_first_account_of_an_empty_instance_is_an_admin_and_logged_in_at_once(client, mailbox):
    response = register(client, "first@example.com")

    assert response.headers["Location"] == "/tasks/"
    assert logged_in(client)
    assert "Please confirm your email address" in client.get("/tasks/").text
    assert link_in(mailbox.wait_for("first@example.com", "Confirm your email")).startswith("/verify-email/")


def test_a_taken_email_gets_the_same_answer_and_its_owner_an_email(app, alice, mailbox):
    new, taken = app.test_client(), app.test_client()
    answers = [register(new, "newcomer@example.com"), register(taken, "ALICE@example.com")]

    assert {a.status_code for a in answers} == {302} and {a.headers["Location"] for a in answers} == {"/login"}
    pages = [new.get("/login").text, taken.get("/login").text]
    assert "We sent an email to newcomer@example.com" in pages[0]
    assert pages[1] == pages[0].replace("newcomer@example.com", "ALICE@example.com")
    assert "Confirm your email" in mailbox.wait_for("newcomer@example.com")["Subject"]
    notice = mailbox.wait_for(alice.email)
    assert notice["Subject"] == "Someone tried to use your email address on Taskboard"
    assert "/reset-password" in text_of(notice)


def test_a_new_account_can_log_in_before_confirming_its_email(app, admin, mailbox):
    client = app.test_client()
    register(client, "newcomer@example.com")
    assert client.post("/login", data={"email": "newcomer@example.com", "password": PASSWORD}).status_code == 302
    assert "Please confirm your email address" in client.get("/tasks/").text


def test_closed_registration_refuses_everyone_but_the_first_account(app, admin_client, client):
    set_mode(admin_client, "closed")

    for response in (client.get("/register"), register(client, "stranger@example.com")):
        assert response.status_code == 403
        assert "Registration is closed" in response.text
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "stranger@example.com")) is None


def test_closed_registration_still_lets_admins_create_accounts(admin_client):
    set_mode(admin_client, "closed")
    data = {"email": "made@example.com", "password": PASSWORD}
    assert admin_client.post("/users/new", data=data).status_code == 302


def test_the_first_account_can_be_created_whatever_the_mode(database_url, mail_server):
    app = make_app(database_url, MAIL_URL=mail_server.url, REGISTRATION="closed")
    client = app.test_client()
    assert register(client, "first@example.com").headers["Location"] == "/tasks/"


def test_invite_mode_needs_an_invitation_that_works_once(app, admin_client, mailbox):
    set_mode(admin_client, "invite")
    visitor = app.test_client()
    assert "by invitation only" in visitor.get("/register").text

    link = invitation_link(admin_client)
    assert visitor.get(link).status_code == 200
    assert register(visitor, "invited@example.com", link).headers["Location"] == "/login"

    again = register(app.test_client(), "second@example.com", link)
    assert again.status_code == 403 and "not valid any more" in again.text


def test_an_invitation_bound_to_an_email_is_sent_there_and_works_only_for_it(app, admin_client, mailbox):
    set_mode(admin_client, "invite")
    link = invitation_link(admin_client, "Guest@Example.com")
    message = mailbox.wait_for("guest@example.com", "You are invited to Taskboard")
    assert link_in(message) == link

    visitor = app.test_client()
    wrong = register(visitor, "other@example.com", link)
    assert wrong.status_code == 422 and "This invitation is for another email address." in wrong.text
    assert register(visitor, "guest@example.com", link).status_code == 302


def test_a_taken_email_leaves_the_invitation_usable(app, admin_client, alice):
    set_mode(admin_client, "invite")
    link = invitation_link(admin_client)
    assert register(app.test_client(), alice.email, link).headers["Location"] == "/login"
    assert register(app.test_client(), "fresh@example.com", link).headers["Location"] == "/login"


def test_invitations_expire_after_seven_days_and_can_be_revoked(app, admin_client):
    set_mode(admin_client, "invite")
    expired = invitation_link(admin_client)
    age_links(app, timedelta(days=7, minutes=1))
    assert app.test_client().get(expired).status_code == 403

    revoked = invitation_link(admin_client)
    page = admin_client.get("/users/").text
    assert "Anyone with the link" in page
    invitation_id = int(re.search(r"/users/invitations/(\d+)/revoke", page).group(1))
    admin_client.post(f"/users/invitations/{invitation_id}/revoke")
    assert app.test_client().get(revoked).status_code == 403


def test_only_admins_change_registration_or_invite(alice_client):
    assert alice_client.post("/users/registration", data={"mode": "open"}).status_code == 403
    assert alice_client.post("/users/invitations", data={"email": ""}).status_code == 403


def test_the_users_page_shows_the_mode_in_force(admin_client):
    set_mode(admin_client, "invite")
    page = admin_client.get("/users/").text
    assert re.search(r'<input checked[^>]*value="invite"', page)


@pytest.mark.parametrize("mode", ["sometimes", ""])
def test_an_unknown_registration_mode_stops_the_app_from_starting(database_url, mode):
    with pytest.raises(RuntimeError, match="REGISTRATION must be one of open, invite, closed"):
        make_app(database_url, REGISTRATION=mode)


def test_check_deploy_warns_about_open_registration(app, admin_client):
    result = app.test_cli_runner().invoke(args=["check-deploy"])
    assert "Registration is open" in result.output
    set_mode(admin_client, "invite")
    assert "Registration is open" not in app.test_cli_runner().invoke(args=["check-deploy"]).output
