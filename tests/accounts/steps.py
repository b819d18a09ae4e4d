"""Steps the account specifications share: tokens counted, links aged, two-factor enrolled as a person does."""

import re
import time
from datetime import timedelta

import pyotp
from helpers import PASSWORD
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import AccountLink, ApiToken


def api_token_count(app, user) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ApiToken).where(ApiToken.owner_id == user.id))


def age_links(app, by: timedelta) -> None:
    """Move every link's expiry into the past by `by`, as if that much time had gone by."""
    with app.app_context():
        for link in db.session.scalars(select(AccountLink)):
            link.expires_at -= by
        db.session.commit()


def logged_in(client) -> bool:
    return client.get("/tasks/").status_code == 200


def code_at(secret: str, seconds_from_now: float = 0) -> str:
    """The code an authenticator app with this secret shows at that moment."""
    return pyotp.TOTP(secret).at(time.time() + seconds_from_now)


def next_code(secret: str) -> str:
    """The code the app shows next: still accepted now, as phones' clocks drift by a step."""
    return code_at(secret, 30)


def enrol_two_factor(client, password: str = PASSWORD) -> tuple[str, list[str]]:
    """Switch two-factor login on as a person does; the secret shown and the recovery codes.

    The enrolment uses the current 30-second step's code: a login right after needs the next
    one (`next_code`), as a code cannot be used twice.
    """
    assert client.post("/account/two-factor/setup").status_code == 302
    page = client.get("/account/two-factor").text
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = client.post("/account/two-factor/enable", data={"code": code_at(secret), "password": password})
    assert response.status_code == 200, response.text
    return secret, re.findall(r"<li>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</li>", response.text)
