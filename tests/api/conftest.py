"""Fixtures for the JSON API: clients that send a personal token, as a script would."""

import pytest

from webapp import crud
from webapp.extensions import db
from webapp.models import User

from .helpers import ApiClient


class Tokens:
    def __init__(self, app):
        self.app = app

    def create(self, user, name: str = "script") -> str:
        with self.app.app_context():
            _, secret = crud.create_api_token(db.session.get(User, user.id), name)
            return secret

    def client_for(self, user) -> ApiClient:
        return ApiClient(self.app.test_client(), self.create(user))


@pytest.fixture
def tokens(app):
    return Tokens(app)


@pytest.fixture
def alice_api(tokens, alice):
    return tokens.client_for(alice)


@pytest.fixture
def bob_api(tokens, accounts, alice):
    return tokens.client_for(accounts.create("bob@example.com"))


@pytest.fixture
def admin_api(tokens, admin, alice):
    return tokens.client_for(admin)


@pytest.fixture
def anonymous_api(app):
    return ApiClient(app.test_client(), None)
