"""Security events are logged with user id and address, and never with a password."""

import logging

import pytest
from helpers import PASSWORD

SECRET_GUESS = "my-secret-guess-123"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="taskboard.security")
    return caplog


def messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "taskboard.security"]


def everything_logged(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_failed_login_is_logged_with_the_account_and_address_but_not_the_password(client, alice, security_log):
    client.post(
        "/login", data={"email": alice.email, "password": SECRET_GUESS}, environ_base={"REMOTE_ADDR": "10.1.2.3"}
    )
    [line] = messages(security_log)
    assert "login failed" in line and f"account={alice.id}" in line and "ip=10.1.2.3" in line
    assert SECRET_GUESS not in everything_logged(security_log)


def test_a_failed_login_for_an_unknown_email_is_logged_too(client, security_log):
    client.post("/login", data={"email": "nobody@example.com", "password": SECRET_GUESS})
    [line] = messages(security_log)
    assert "account=unknown" in line and "'nobody@example.com'" in line


def test_a_successful_login_logs_no_failure(client, alice, security_log):
    client.post("/login", data={"email": alice.email, "password": PASSWORD})
    assert messages(security_log) == []


def test_a_403_is_logged_with_the_user_and_path(alice_client, alice, security_log):
    assert alice_client.get("/users/").status_code == 403
    [line] = messages(security_log)
    assert "403" in line and f"user={alice.id}" in line and "/users/" in line


def test_a_429_is_logged_with_the_address(client, alice, security_log):
    for _ in range(11):
        response = client.post("/login", data={"email": alice.email, "password": SECRET_GUESS})
    assert response.status_code == 429
    limited = [line for line in messages(security_log) if "429" in line]
    assert len(limited) == 1 and "ip=127.0.0.1" in limited[0] and "user=anonymous" in limited[0]
    assert SECRET_GUESS not in everything_logged(security_log)


def test_a_wrong_password_on_the_account_page_is_logged_without_it(alice_client, alice, security_log):
    alice_client.post(
        "/account/email", data={"change_email-email": "x@example.com", "change_email-password": SECRET_GUESS}
    )
    [line] = messages(security_log)
    assert "password confirmation failed" in line and f"user={alice.id}" in line
    assert SECRET_GUESS not in everything_logged(security_log)
