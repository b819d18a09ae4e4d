"""Rate limits: login failures per account and per IP, registrations per IP, password confirmations.

Only failures count; a person using the site normally never meets a limit.
"""

import pytest
from helpers import PASSWORD

LIMIT = 10


def from_ip(address):
    return {"REMOTE_ADDR": address}


def fail_login(client, email, ip="10.0.0.1"):
    return client.post("/login", data={"email": email, "password": "not the password"}, environ_base=from_ip(ip))


def test_after_ten_failed_logins_for_an_account_further_attempts_get_a_friendly_429(client, alice):
    for _ in range(LIMIT):
        assert fail_login(client, alice.email).status_code == 422
    response = client.post(
        "/login", data={"email": alice.email, "password": PASSWORD}, environ_base=from_ip("10.0.0.1")
    )
    assert response.status_code == 429
    assert "Too many requests" in response.text and "Taskboard" in response.text
    assert int(response.headers["Retry-After"]) <= 60


def test_the_account_limit_holds_across_addresses(client, alice):
    for n in range(LIMIT):
        fail_login(client, alice.email, ip=f"10.0.1.{n}")
    assert fail_login(client, "ALICE@example.com", ip="10.0.2.1").status_code == 429


def test_the_address_limit_holds_across_accounts(client, alice):
    for n in range(LIMIT):
        fail_login(client, f"guess{n}@example.com")
    assert fail_login(client, "another@example.com").status_code == 429
    response = client.post(
        "/login", data={"email": alice.email, "password": PASSWORD}, environ_base=from_ip("10.0.0.1")
    )
    assert response.status_code == 429
    assert fail_login(client, "another@example.com", ip="10.0.0.2").status_code == 422  # others go on


def test_nine_failures_still_let_the_right_password_in(client, alice):
    for _ in range(LIMIT - 1):
        fail_login(client, alice.email)
    response = client.post(
        "/login", data={"email": alice.email, "password": PASSWORD}, environ_base=from_ip("10.0.0.1")
    )
    assert response.status_code == 302


def test_successful_logins_and_page_views_are_never_limited(app, alice):
    for _ in range(LIMIT + 5):
        client = app.test_client()
        assert client.get("/login").status_code == 200
        assert client.post("/login", data={"email": alice.email, "password": PASSWORD}).status_code == 302
        assert client.get("/tasks/").status_code == 200


def register(client, n, ip="10.0.3.1"):
    password = f"a fine password {n}"
    data = {"email": f"person{n}@example.com", "password": password, "confirm": password}
    return client.post("/register", data=data, environ_base=from_ip(ip))


def test_registrations_are_limited_to_ten_per_address_per_minute(app):
    for n in range(LIMIT):
        assert register(app.test_client(), n).status_code == 302
    assert register(app.test_client(), LIMIT).status_code == 429
    assert register(app.test_client(), LIMIT + 1, ip="10.0.3.2").status_code == 302


@pytest.mark.parametrize(
    "url, field",
    [("/account/password", "change_password-current_password"), ("/account/email", "change_email-password")],
)
def test_password_confirmations_on_the_account_page_are_limited(alice_client, url, field, alice):
    data = {
        "change_password-password": "a new fine password",
        "change_password-confirm": "a new fine password",
        "change_email-email": "new@example.com",
        field: "a wrong guess",
    }
    for _ in range(LIMIT):
        assert alice_client.post(url, data=data).status_code == 422
    assert alice_client.post(url, data={**data, field: PASSWORD}).status_code == 429
    assert alice_client.get("/account").status_code == 200
