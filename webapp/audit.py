"""Security events for the operators' log, logger `taskboard.security`.

Each line names the user id (or "anonymous") and the client address, never a
password or a token. Values the client chose are logged with repr(), so they
cannot forge extra log lines.
"""

import logging

from flask import request
from flask_login import current_user

logger = logging.getLogger("taskboard.security")


def _who() -> str:
    user_id = current_user.id if current_user.is_authenticated else "anonymous"
    return f"user={user_id} ip={request.remote_addr}"


def failed_login(email: str, user_id: int | None) -> None:
    logger.warning("login failed: email=%r account=%s ip=%s", email[:254], user_id or "unknown", request.remote_addr)


def failed_second_factor(user_id: int) -> None:
    logger.warning("two-factor code refused: account=%s ip=%s", user_id, request.remote_addr)


def account_changed(change: str, user_id: int) -> None:
    """A change to how an account logs in or who may register, for the operators' record."""
    logger.info("%s: account=%s by %s", change, user_id, _who())


def wrong_password_confirmation() -> None:
    logger.warning("password confirmation failed: %s path=%s", _who(), request.path)


def forbidden() -> None:
    logger.warning("403 forbidden: %s %s path=%r", _who(), request.method, request.path)


def rate_limited(description: str) -> None:
    logger.warning("429 rate limited (%s): %s %s path=%r", description, _who(), request.method, request.path)
