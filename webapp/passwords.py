"""Passwords: the rules a new one must meet, and hashing with argon2id."""

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from .i18n import _

PASSWORD_MIN = 10
PASSWORD_MAX = 128

# The 10,000 most used passwords, most used first: the head of the list Django ships
# (django/contrib/auth/common-passwords.txt.gz, compiled by Royce Williams from breach data).
COMMON_PASSWORDS_FILE = Path(__file__).with_name("data") / "common-passwords.txt"


def hasher() -> PasswordHasher:
    """The argon2id hasher at the app's PASSWORD_HASHING cost."""
    return _hashing_at(**current_app.config["PASSWORD_HASHING"])[0]


def _unknown_account_hash() -> str:
    return _hashing_at(**current_app.config["PASSWORD_HASHING"])[1]


@cache
def _hashing_at(time_cost: int, memory_cost: int, parallelism: int) -> tuple[PasswordHasher, str]:
    """A hasher at this cost, and a hash made by it that an unknown email is verified against,
    so a failed login costs the same time whether or not the account exists."""
    at_cost = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    return at_cost, at_cost.hash("an unknown account never matches this")


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines())


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why `password` may not be chosen by the owner of `email`, or None when it may."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return _("Use between %(min)d and %(max)d characters.", min=PASSWORD_MIN, max=PASSWORD_MAX)
    if password.lower() in common_passwords():
        return _("This password is too common. Choose one that is harder to guess.")
    if email and password.strip().lower() == email.strip().lower():
        return _("The password cannot be your email address.")
    return None


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return hasher().verify(password_hash or _unknown_account_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher().check_needs_rehash(password_hash)
