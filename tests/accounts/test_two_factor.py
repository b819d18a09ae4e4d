"""Two-factor login with TOTP: enrolment by a code, login in two steps, recovery codes, no reuse, limits."""

import re

import pytest
from factories import new_api_token
from helpers import PASSWORD
from smtp_sink import link_in
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import RecoveryCode, User

from .steps import api_token_count, code_at, enrol_two_factor, logged_in, next_code


def log_in(client, email, password=PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


def enter_code(client, code):
    return client.post("/login/code", data={"code": code})


def test_enrolment_shows_a_server_drawn_qr_code_and_the_secret(alice_client):
    alice_client.post("/account/two-factor/setup")
    page = alice_client.get("/account/two-factor")

    assert page.status_code == 200
    assert re.search(r'<svg role="img"[^>]*class="qr-code"><title>QR code of your two-factor secret</title>', page.text)
    assert re.search(r'data-testid="totp-secret">[A-Z2-7]{32}<', page.text)
    assert "<script>" not in page.text and "script-src" not in page.headers.get("Content-Security-Policy", "")


def test_two_factor_is_on_only_after_a_correct_code(app, alice_client, alice):
    alice_client.post("/account/two-factor/setup")
    wrong = alice_client.post("/account/two-factor/enable", data={"code": "000000", "password": PASSWORD})
    assert wrong.status_code == 422 and "The code is not correct." in wrong.text
    assert log_in(app.test_client(), alice.email).headers["Location"] == "/tasks/"


def test_enrolment_gives_ten_recovery_codes_stored_hashed(app, alice_client, alice):
    _, codes = enrol_two_factor(alice_client)
    assert len(codes) == len(set(codes)) == 10
    with app.app_context():
        stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == alice.id)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)


def test_login_asks_for_a_code_after_the_password_and_the_first_step_grants_nothing(app, alice_client, alice):
    secret, _ = enrol_two_factor(alice_client)
    client = app.test_client()

    first_step = log_in(client, alice.email)

    assert first_step.headers["Location"] == "/login/code"
    assert not logged_in(client)
    assert client.get("/account").status_code == 302
    assert "Enter your code" in client.get("/login/code").text
    response = enter_code(client, next_code(secret))
    assert response.status_code == 302 and response.headers["Location"] == "/tasks/"
    assert logged_in(client)


def test_a_wrong_code_keeps_the_person_on_the_code_step(app, alice_client, alice):
    secret, _ = enrol_two_factor(alice_client)
    client = app.test_client()
    log_in(client, alice.email)

    answers = [enter_code(client, code) for code in ("123456", "not a code", "aaaa-bbbb-cccc-dddd")]

    assert {a.status_code for a in answers} == {422}
    assert all("The code is not correct." in a.text and "Enter your code" in a.text for a in answers)
    assert not logged_in(client)
    assert enter_code(client, next_code(secret)).status_code == 302


def test_a_code_cannot_be_used_twice(app, alice_client, alice):
    secret, _ = enrol_two_factor(alice_client)
    first, second = app.test_client(), app.test_client()
    log_in(first, alice.email)
    log_in(second, alice.email)
    code = next_code(secret)

    assert enter_code(first, code).status_code == 302
    assert enter_code(second, code).status_code == 422
    assert enter_code(second, code_at(secret, -30)).status_code == 422  # an older step is no better


def test_a_recovery_code_logs_in_once(app, alice_client, alice):
    _, codes = enrol_two_factor(alice_client)
    client = app.test_client()
    log_in(client, alice.email)
    assert enter_code(client, codes[0].upper().replace("-", " ")).status_code == 302

    again = app.test_client()
    log_in(again, alice.email)
    assert enter_code(again, codes[0]).status_code == 422
    assert "9 unused recovery codes" in alice_client.get("/account/two-factor").text


def test_recovery_codes_can_be_made_anew_with_the_password(app, alice_client, alice):
    _, old = enrol_two_factor(alice_client)
    refused = alice_client.post("/account/two-factor/recovery-codes", data={"password": "wrong guess"})
    assert refused.status_code == 422

    page = alice_client.post("/account/two-factor/recovery-codes", data={"password": PASSWORD}).text
    new = re.findall(r"<li>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    client = app.test_client()
    log_in(client, alice.email)
    assert enter_code(client, old[0]).status_code == 422
    assert enter_code(client, new[0]).status_code == 302


def test_enrolling_ends_other_sessions_but_keeps_this_one_and_api_tokens(app, accounts, alice_client, alice):
    other = app.test_client()
    accounts.login(other, alice.email)
    new_api_token(app, alice)

    enrol_two_factor(alice_client)

    assert logged_in(alice_client) and not logged_in(other)
    assert api_token_count(app, alice) == 1


def test_disabling_needs_the_password_and_a_code_and_ends_other_sessions(app, accounts, alice_client, alice):
    secret, codes = enrol_two_factor(alice_client)
    other = app.test_client()
    log_in(other, alice.email)
    enter_code(other, next_code(secret))

    no_code = alice_client.post("/account/two-factor/disable", data={"password": PASSWORD, "code": "000000"})
    assert no_code.status_code == 422 and "The code is not correct." in no_code.text
    no_password = alice_client.post("/account/two-factor/disable", data={"password": "wrong", "code": codes[1]})
    assert no_password.status_code == 422 and "The password is not correct." in no_password.text

    assert (
        alice_client.post("/account/two-factor/disable", data={"password": PASSWORD, "code": codes[1]}).status_code
        == 302
    )
    assert logged_in(alice_client) and not logged_in(other)
    assert log_in(app.test_client(), alice.email).headers["Location"] == "/tasks/"


def test_codes_are_rate_limited_like_passwords(app, alice_client, alice):
    secret, _ = enrol_two_factor(alice_client)
    client = app.test_client()
    log_in(client, alice.email)
    for _ in range(10):
        assert enter_code(client, "000000").status_code == 422
    assert enter_code(client, next_code(secret)).status_code == 429


def test_the_code_step_expires_after_five_minutes(app, alice_client, alice):
    enrol_two_factor(alice_client)
    client = app.test_client()
    log_in(client, alice.email)
    with client.session_transaction() as session:
        session["second_step"] = {**session["second_step"], "since": session["second_step"]["since"] - 301}
    response = client.get("/login/code")
    assert response.status_code == 302 and response.headers["Location"] == "/login"


def test_a_password_reset_still_asks_for_the_code(app, client, alice_client, alice, mailbox):
    secret, _ = enrol_two_factor(alice_client)
    client.post("/reset-password", data={"email": alice.email})
    link = link_in(mailbox.wait_for(alice.email, "Reset"))
    response = client.post(link, data={"password": "a brand new passphrase", "confirm": "a brand new passphrase"})

    assert response.headers["Location"] == "/login/code"
    assert not logged_in(client)
    assert enter_code(client, next_code(secret)).status_code == 302


def test_the_reset_2fa_command_switches_it_off(app, alice_client, alice):
    enrol_two_factor(alice_client)
    result = app.test_cli_runner().invoke(args=["reset-2fa", alice.email])
    assert result.exit_code == 0 and "Two-factor login is off" in result.output
    assert not logged_in(alice_client)
    assert log_in(app.test_client(), alice.email).headers["Location"] == "/tasks/"
    with app.app_context():
        assert db.session.get(User, alice.id).totp_secret is None
    assert app.test_cli_runner().invoke(args=["reset-2fa", "nobody@example.com"]).exit_code == 1


@pytest.mark.parametrize("path", ["/account/two-factor", "/login/code"])
def test_the_pages_need_a_login_or_a_first_step(client, path):
    assert client.get(path).status_code == 302


def test_switching_two_factor_on_and_off_is_logged_for_operators(alice_client, alice, caplog):
    with caplog.at_level("INFO", logger="taskboard.security"):
        _, codes = enrol_two_factor(alice_client)
        alice_client.post("/account/two-factor/disable", data={"password": PASSWORD, "code": codes[0]})
    logged = [record.getMessage() for record in caplog.records]
    assert any(f"two-factor login switched on: account={alice.id}" in line for line in logged)
    assert any(f"two-factor login switched off: account={alice.id}" in line for line in logged)
    assert not any(code in line for code in codes for line in logged)
