"""Signed-in sessions: begun afresh at login, ended by logout, by timeouts, or by a version bump.

The session cookie is signed but kept by the browser, so ending a session for
good needs state on the server: the user's `session_version`, which every
session carries (see `User.get_id`) and which logout and a password change raise.
"""

import time

from flask import current_app, flash, session
from flask_login import login_user, logout_user

from ..models import User

# The last-seen time is written back at most this often, not on every request.
SEEN_RESOLUTION = 60


def start_session(user: User) -> None:
    # A fresh session at login, so nothing planted before it carries over (fixation).
    session.clear()
    session.permanent = True
    session["signed_in_at"] = session["seen_at"] = int(time.time())
    login_user(user)


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
        flash("Your session has expired. Please log in again.", "info")
    elif now - session["seen_at"] >= SEEN_RESOLUTION:
        session["seen_at"] = now
