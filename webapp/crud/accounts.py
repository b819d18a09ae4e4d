"""A person's own account: changing its email or password, ending its sessions, deleting it.

Every change is confirmed by the current password. The slow argon2 work runs
after the read transaction has ended, so no database transaction (or pooled
connection) is held open while hashing.
"""

from sqlalchemy import delete, func, select

from ..extensions import db
from ..models import User
from ..passwords import hash_password, verify_password
from .errors import ForbiddenChange, WrongPassword
from .users import commit_unique_email, normalise_email


def change_email(user: User, password: str, new_email: str) -> User:
    _confirm_password(user, password, field="password")
    user_id = user.id  # read before the change: reading it later would flush the change early
    email = user.email = normalise_email(new_email)
    commit_unique_email(email, user_id)
    return user


def change_password(user: User, current_password: str, new_password: str) -> User:
    """Set a new password and end every session of the user, this one included."""
    _confirm_password(user, current_password, field="current_password")
    new_hash = hash_password(new_password)
    user.password_hash = new_hash
    user.session_version += 1
    db.session.commit()
    return user


def end_sessions(user: User) -> None:
    """Sign the user out on every device: sessions carrying the old version stop working."""
    user.session_version += 1
    db.session.commit()


def delete_account(user: User, password: str) -> None:
    """Delete the account and everything it owns, confirmed by its password.

    The database does the rest: every foreign key to users says ON DELETE CASCADE (the rows go
    with the account) or SET NULL (the rows stay, without an author). The last active admin cannot
    leave, or nobody could administer the site.
    """
    _confirm_password(user, password, field="password")
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


def _confirm_password(user: User, password: str, field: str) -> None:
    """WrongPassword, naming the parameter that carried it, unless `password` is the user's."""
    stored_hash = user.password_hash
    db.session.rollback()  # end the read before the slow hash
    if not verify_password(stored_hash, password):
        raise WrongPassword("The password is not correct.", field)
