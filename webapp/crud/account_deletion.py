"""Deleting one's own account, confirmed as strongly as logging in: the password and, when the
account has two-factor login, a code."""

from sqlalchemy import delete, func, select

from ..extensions import db
from ..models import User
from .accounts import confirm_password
from .errors import ForbiddenChange
from .two_factor import verify_second_factor


def delete_account(user: User, password: str, code: str | None = None) -> None:
    """Delete the account and everything it owns.

    The database does the rest: every foreign key to users says ON DELETE CASCADE (the rows go
    with the account) or SET NULL (the rows stay, without an author). The last active admin cannot
    leave, or nobody could administer the site.
    """
    confirm_password(user, password, field="password")
    if user.two_factor_enabled:
        verify_second_factor(user, code or "")
    user_id = user.id
    if user.is_admin and _active_admins() == 1:
        raise ForbiddenChange(
            "You are the only administrator: make someone else an administrator before deleting your account.",
            "password",
        )
    # One DELETE that loads nothing: the database's ON DELETE rules remove the rest.
    db.session.execute(delete(User).where(User.id == user_id).execution_options(synchronize_session=False))
    db.session.commit()
    db.session.expunge_all()


def _active_admins() -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.is_admin, User.is_active)) or 0
