"""Sessions: fresh at login, really over at logout, ended elsewhere by a password change or deactivation."""

import pytest
from helpers import PASSWORD, make_app

from webapp.auth.sessions import SEEN_RESOLUTION

NEW_PASSWORD = "a different good password"


def session_cookie(client, name="session"):
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def copy_session(app, client, name="session"):
    """A second browser holding a copy of `client`'s session cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie(name, session_cookie(client, name))
    return thief


def change_password(client, current=PASSWORD, new=NEW_PASSWORD):
    return client.post(
        "/account/password",
        data={
            "change_password-current_password": current,
            "change_password-password": new,
            "change_password-confirm": new,
        },
    )


def test_logging_in_starts_a_new_session_without_anything_planted_before(client, alice):
    with client.session_transaction() as planted:
        planted["planted"] = "by an attacker"
    before = session_cookie(client)
    client.post("/login", data={"email": alice.email, "password": PASSWORD})
    assert session_cookie(client) != before
    with client.session_transaction() as session:
        assert "planted" not in session


def test_a_session_cookie_copied_before_logout_no_longer_works_after_it(app, alice_client):
    thief = copy_session(app, alice_client)
    assert thief.get("/tasks/").status_code == 200
    alice_client.post("/logout")
    assert thief.get("/tasks/").status_code == 302
    assert alice_client.get("/tasks/").status_code == 302


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(app, accounts, alice, alice_client):
    laptop = app.test_client()
    accounts.login(laptop, alice.email)
    assert change_password(alice_client).status_code == 302
    assert alice_client.get("/tasks/").status_code == 200
    assert laptop.get("/tasks/").status_code == 302


def test_deactivating_an_account_ends_its_sessions_for_good(app, admin_client, alice, alice_client):
    admin_client.post(f"/users/{alice.id}/edit", data={"email": alice.email, "is_active": ""})
    assert alice_client.get("/tasks/").status_code == 302
    admin_client.post(f"/users/{alice.id}/edit", data={"email": alice.email, "is_active": "y"})
    assert alice_client.get("/tasks/").status_code == 302  # reactivation does not revive old sessions


def test_editing_an_active_account_keeps_its_sessions(admin_client, alice, alice_client):
    admin_client.post(f"/users/{alice.id}/edit", data={"email": alice.email, "is_active": "y"})
    assert alice_client.get("/tasks/").status_code == 200


@pytest.mark.parametrize(
    "key, age_setting", [("seen_at", "SESSION_IDLE_TIMEOUT"), ("signed_in_at", "SESSION_ABSOLUTE_TIMEOUT")]
)
def test_a_session_ends_after_the_idle_timeout_and_the_absolute_lifetime(app, alice_client, key, age_setting):
    with alice_client.session_transaction() as session:
        session[key] -= app.config[age_setting] + 1
    response = alice_client.get("/tasks/", follow_redirects=True)
    assert "Your session has expired" in response.text
    assert alice_client.get("/tasks/").status_code == 302


def test_a_session_used_within_the_idle_timeout_stays_alive_past_it(app, alice_client):
    idle = app.config["SESSION_IDLE_TIMEOUT"]
    for _ in range(3):
        with alice_client.session_transaction() as session:
            session["seen_at"] -= idle - 100
            session["signed_in_at"] -= idle - 100
        assert alice_client.get("/tasks/").status_code == 200


def test_the_session_cookie_is_rewritten_only_when_the_session_changes(alice_client):
    alice_client.get("/tasks/")  # shows the login's flash message, which changes the session
    assert "Set-Cookie" not in alice_client.get("/tasks/").headers
    with alice_client.session_transaction() as session:
        session["seen_at"] -= SEEN_RESOLUTION
    assert alice_client.get("/tasks/").headers["Set-Cookie"].startswith("session=")


def test_the_timeouts_are_configurable(database_url, accounts, alice):
    app = make_app(database_url, SESSION_IDLE_TIMEOUT=60, SESSION_ABSOLUTE_TIMEOUT=3600)
    assert app.permanent_session_lifetime.total_seconds() == 3600
    client = app.test_client()
    accounts.login(client, alice.email)
    with client.session_transaction() as session:
        session["seen_at"] -= 61
    assert client.get("/tasks/").status_code == 302


def test_the_defaults_are_thirty_idle_minutes_and_twelve_hours(app):
    assert app.config["SESSION_IDLE_TIMEOUT"] == 30 * 60
    assert app.config["SESSION_ABSOLUTE_TIMEOUT"] == 12 * 60 * 60


def test_session_cookies_are_httponly_lax_and_expire_with_the_absolute_lifetime(client, alice):
    cookie = client.post("/login", data={"email": alice.email, "password": PASSWORD}).headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert "Secure" not in cookie  # plain HTTP in development


def test_over_https_the_session_cookie_is_secure_and_host_bound(database_url, accounts, alice):
    app = make_app(database_url, PREFERRED_URL_SCHEME="https")
    client = app.test_client()
    response = client.post("/login", base_url="https://localhost", data={"email": alice.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie and "HttpOnly" in cookie
    assert client.get("/tasks/", base_url="https://localhost").status_code == 200


def test_production_defaults_to_https_cookies(database_url, monkeypatch):
    monkeypatch.delenv("PREFERRED_URL_SCHEME", raising=False)
    app = make_app(database_url, TASKBOARD_CONFIG="production", SECRET_KEY="s" * 32)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_NAME"] == "__Host-session"
