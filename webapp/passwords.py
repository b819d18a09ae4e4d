"""Passwords: the rules a new one must meet, and hashing with argon2id."""

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

PASSWORD_MIN = 10
PASSWORD_MAX = 128

# The 10,000 most used passwords, most used first: the head of the list Django ships
# (django/contrib/auth/common-passwords.txt.gz, compiled by Royce Williams from breach data).
COMMON_PASSWORDS_FILE = Path(__file__).with_name("data") / "common-passwords.txt"

# OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

# Verified against when the email is unknown, so a failed login costs the same
# time whether or not the account exists.
_DUMMY_HASH = hasher.hash("an unknown account never matches this")


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines())


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why `password` may not be chosen by the owner of `email`, or None when it may."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return f"Use between {PASSWORD_MIN} and {PASSWORD_MAX} characters."
    if password.lower() in common_passwords():
        return "This password is too common. Choose one that is harder to guess."
    if email and password.strip().lower() == email.strip().lower():
        return "The password cannot be your email address."
    return None


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher.check_needs_rehash(password_hash)
