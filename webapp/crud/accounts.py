"""A person's own account: changing its email or password, ending its sessions.

Every change is confirmed by the current password. The slow argon2 work runs
after the read transaction has ended, so no database transaction (or pooled
connection) is held open while hashing.
"""

from ..extensions import db
from ..models import User
from ..passwords import hash_password, verify_password
from .errors import WrongPassword
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


def _confirm_password(user: User, password: str, field: str) -> None:
    """WrongPassword, naming the parameter that carried it, unless `password` is the user's."""
    stored_hash = user.password_hash
    db.session.rollback()  # end the read before the slow hash
    if not verify_password(stored_hash, password):
        raise WrongPassword("The password is not correct.", field)
