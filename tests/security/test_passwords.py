"""Passwords: argon2id at OWASP's parameters, length and content rules, hashing outside transactions."""

import pytest
from argon2 import PasswordHasher
from helpers import PASSWORD, make_app
from sqlalchemy import select

from webapp import crud, passwords
from webapp.config import ProductionConfig
from webapp.extensions import db
from webapp.models import User

OWASP_HASH_PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$"


def register(client, email, password, confirm=None):
    return client.post("/register", data={"email": email, "password": password, "confirm": confirm or password})


def stored_hash(app, email):
    with app.app_context():
        return db.session.execute(select(User.password_hash).where(User.email == email)).scalar_one()


@pytest.fixture
def owasp_app(app, database_url):
    """The suite's app (emptied after the test) hashing at the real cost instead of the suite's cheap one."""
    return make_app(database_url, PASSWORD_HASHING=ProductionConfig.PASSWORD_HASHING)


@pytest.mark.parametrize("config", ["development", "production"])
def test_passwords_are_stored_as_argon2id_at_owasp_parameters(app, database_url, config):
    served = make_app(database_url, TASKBOARD_CONFIG=config, SECRET_KEY="s" * 32)
    with served.app_context():
        crud.create_user("owner@example.com", PASSWORD)
    stored = stored_hash(app, "owner@example.com")
    assert stored.startswith(OWASP_HASH_PREFIX)
    assert PASSWORD not in stored


def test_a_hash_made_with_older_parameters_is_upgraded_at_the_next_login(owasp_app, alice):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with owasp_app.app_context():
        db.session.get(User, alice.id).password_hash = weak
        db.session.commit()
    login = owasp_app.test_client().post("/login", data={"email": alice.email, "password": PASSWORD})
    assert login.status_code == 302
    upgraded = stored_hash(owasp_app, alice.email)
    assert upgraded.startswith(OWASP_HASH_PREFIX)
    with owasp_app.app_context():
        assert not passwords.needs_rehash(upgraded) and passwords.verify_password(upgraded, PASSWORD)


@pytest.mark.parametrize(
    "password",
    [
        "ten chars!",  # the minimum
        "x" * 64 + "yz",  # well past 64
        "p" * 128,  # the maximum
        "пароль для входа",  # Cyrillic
        "密码是一个长的句子啊",  # ten CJK characters
        "🔑🗝️ emoji keys 🔐",
    ],
)
def test_any_unicode_password_of_10_to_128_characters_works(client, password):
    assert register(client, "uni@example.com", password).status_code == 302
    client.post("/logout")
    assert client.post("/login", data={"email": "uni@example.com", "password": password}).status_code == 302


@pytest.mark.parametrize(
    "password, message",
    [
        ("nine char", "Use between 10 and 128 characters."),
        ("p" * 129, "Use between 10 and 128 characters."),
        ("1234567890", "This password is too common."),
        ("qwertyuiop", "This password is too common."),
        ("QwErTyUiOp", "This password is too common."),  # in any letter case
        ("iloveyou12", "This password is too common."),
        ("me@example.com", "The password cannot be your email address."),
        ("ME@Example.COM", "The password cannot be your email address."),
    ],
)
def test_weak_passwords_are_refused_at_registration(client, password, message):
    response = register(client, "me@example.com", password)
    assert response.status_code == 422 and message in response.text
    assert client.get("/tasks/").status_code == 302


def test_the_shipped_common_password_list_holds_the_top_ten_thousand():
    common = passwords.common_passwords()
    assert len(common) == 10_000
    assert {"123456", "password", "qwerty", "1234567890", "iloveyou"} <= common


def test_weak_passwords_are_refused_for_accounts_made_by_an_admin_or_the_cli(app, admin_client):
    response = admin_client.post("/users/new", data={"email": "made@example.com", "password": "1234567890"})
    assert response.status_code == 422 and "too common" in response.text
    result = app.test_cli_runner().invoke(args=["create-admin", "cli@example.com"], input="password123\npassword123\n")
    assert result.exit_code != 0 and "too common" in result.output


class TransactionSpy:
    """Wraps the real hasher and notes, at every hash or verify, whether a transaction was open."""

    def __init__(self, real):
        self.real = real
        self.calls = []

    def _note(self, name):
        self.calls.append((name, db.session().in_transaction()))

    def hash(self, password):
        self._note("hash")
        return self.real.hash(password)

    def verify(self, stored, password):
        self._note("verify")
        return self.real.verify(stored, password)

    def check_needs_rehash(self, stored):
        return self.real.check_needs_rehash(stored)


@pytest.fixture
def spy(app, monkeypatch):
    with app.app_context():
        spy = TransactionSpy(passwords.hasher())
    monkeypatch.setattr(passwords, "hasher", lambda: spy)
    return spy


def test_no_transaction_is_open_while_hashing_or_verifying(app, alice, alice_client, spy):
    client = app.test_client()
    register(client, "fresh@example.com", "a brand new password")
    client.post("/login", data={"email": alice.email, "password": "not her password"})
    client.post("/login", data={"email": "nobody@example.com", "password": "not her password"})
    alice_client.post(
        "/account/email", data={"change_email-email": "a2@example.com", "change_email-password": PASSWORD}
    )
    alice_client.post(
        "/account/password",
        data={
            "change_password-current_password": PASSWORD,
            "change_password-password": "another good password",
            "change_password-confirm": "another good password",
        },
    )
    assert {name for name, _ in spy.calls} == {"hash", "verify"} and len(spy.calls) >= 6
    assert [call for call in spy.calls if call[1]] == []


def test_a_rehash_at_login_happens_outside_a_transaction_too(app, client, alice, spy):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with app.app_context():
        crud.get_user(alice.id).password_hash = weak
        db.session.commit()
    client.post("/login", data={"email": alice.email, "password": PASSWORD})
    assert [name for name, _ in spy.calls] == ["verify", "hash"]
    assert [call for call in spy.calls if call[1]] == []
