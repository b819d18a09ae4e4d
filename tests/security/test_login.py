"""A failed login tells nothing about whether the account exists."""

import pytest
from helpers import PASSWORD

from webapp import passwords


class VerifyCounter:
    def __init__(self, real):
        self.real, self.count = real, 0

    def verify(self, stored, password):
        self.count += 1
        return self.real.verify(stored, password)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def verifications(app, monkeypatch):
    with app.app_context():
        counter = VerifyCounter(passwords.hasher())
    monkeypatch.setattr(passwords, "hasher", lambda: counter)
    return counter


@pytest.mark.parametrize(
    "email, password",
    [
        ("alice@example.com", "wrong password!"),  # wrong password
        ("nobody@example.com", PASSWORD),  # unknown email
        ("inactive@example.com", PASSWORD),  # right password, deactivated account
    ],
)
def test_every_failed_login_gets_the_same_answer_after_the_same_argon2_work(
    client, admin_client, accounts, alice, verifications, email, password
):
    inactive = accounts.create("inactive@example.com")
    admin_client.post(f"/users/{inactive.id}/edit", data={"email": inactive.email, "is_active": ""})
    verifications.count = 0
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 422
    assert "Wrong email or password." in response.text and "deactivated" not in response.text.lower()
    assert verifications.count == 1
