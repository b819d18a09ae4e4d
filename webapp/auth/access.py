"""Who may see what: login wiring and the admin check."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort
from flask_login import current_user, login_required

from .. import crud
from ..extensions import login_manager
from ..models import User
from ..notifications import keep_unread_count

P = ParamSpec("P")
R = TypeVar("R")


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The active user a session belongs to, unless the user's sessions were ended since it began."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdecimal() and version.isdecimal()):
        return None
    found = crud.account_with_unread_count(int(user_id))
    if found is None:
        return None
    user, unread = found
    if not user.is_active or user.session_version != int(version):
        return None
    keep_unread_count(unread)  # read in the same round trip, for the bell in the navigation
    return user


def admin_required(view: Callable[P, R]) -> Callable[P, R]:
    @wraps(view)
    @login_required
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
