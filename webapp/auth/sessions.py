"""Signed-in sessions: begun afresh at login, ended by logout, by timeouts, or by a version bump.

The session cookie is signed but kept by the browser, so ending a session for
good needs state on the server: the user's `session_version`, which every
session carries (see `User.get_id`) and which logout and a password change raise.
"""

import time

from flask import current_app, flash, g, session
from flask_login import login_user, logout_user

from ..i18n import _
from ..models import User
from .access import load_user

# The last-seen time is written back at most this often, not on every request.
SEEN_RESOLUTION = 60
# After the password, the code must follow within this many seconds.
SECOND_STEP_SECONDS = 5 * 60


def start_session(user: User) -> None:
    # A fresh session at login, so nothing planted before it carries over (fixation).
    session.clear()
    # Flask-WTF keeps this request's CSRF token in g; a page rendered now needs the new session's.
    g.pop("csrf_token", None)
    session.permanent = True
    session["signed_in_at"] = session["seen_at"] = int(time.time())
    login_user(user)


def begin_second_step(user: User, next_target: str | None) -> None:
    """The password was right and a second factor is due: remember whose, but log nobody in."""
    session.clear()
    session["second_step"] = {"user": user.get_id(), "since": int(time.time()), "next": next_target}


def second_step_user() -> User | None:
    """The account whose password was given moments ago in this browser, if its sessions still hold."""
    pending = session.get("second_step")
    if not pending or time.time() - pending["since"] > SECOND_STEP_SECONDS:
        return None
    user: User | None = load_user(str(pending["user"]))
    return user


def second_step_next() -> str | None:
    target = session.get("second_step", {}).get("next")
    return str(target) if target else None


def end_session() -> None:
    logout_user()
    session.clear()


def enforce_timeouts() -> None:
    """Before every request: a session idle or old beyond the configured limits is over."""
    if "signed_in_at" not in session:
        return
    now = int(time.time())
    config = current_app.config
    if (
        now - session["seen_at"] > config["SESSION_IDLE_TIMEOUT"]
        or now - session["signed_in_at"] > config["SESSION_ABSOLUTE_TIMEOUT"]
    ):
        end_session()
        flash(_("Your session has expired. Please log in again."), "info")
    elif now - session["seen_at"] >= SEEN_RESOLUTION:
        session["seen_at"] = now
