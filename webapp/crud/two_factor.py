"""Two-factor login: TOTP codes (RFC 6238) from an authenticator app, and single-use recovery codes.

A TOTP code is accepted for its 30-second step and the steps either side (clock
drift), and only for a step later than the last one accepted, claimed by one
conditional UPDATE: a code, once used, cannot be used again, not even by two
requests at once. Recovery codes carry 80 random bits and are stored as SHA-256
(a slow hash would add nothing at that strength); using one is a conditional
UPDATE too.
"""

import hmac
import re
import secrets
from datetime import UTC, datetime

import pyotp
from sqlalchemy import delete, func, or_, select, update

from ..extensions import db
from ..models import RecoveryCode, User, utcnow
from .accounts import confirm_password
from .errors import N_, ForbiddenChange, WrongCode
from .tokens import hash_token

ISSUER = "Taskboard"
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_GROUPS = 4  # of four characters: 16 base32 characters, 80 bits
RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
# A code of the step before or after the current one still counts: phones' clocks drift.
ALLOWED_DRIFT_STEPS = 1


def start_enrolment(user: User) -> str:
    """A new secret for the account, not yet in force; returned to be shown (and as a QR code)."""
    if user.two_factor_enabled:
        raise ForbiddenChange(N_("Two-factor login is already on."))
    user.totp_secret = pyotp.random_base32(32)
    db.session.commit()
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    """The otpauth:// URI authenticator apps read from the QR code."""
    assert user.totp_secret is not None
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def confirm_enrolment(user: User, password: str, code: str) -> list[str]:
    """Switch two-factor login on once a code from the new secret is right; the recovery codes.

    Ends every session of the account: the caller starts this one again.
    """
    if user.two_factor_enabled or user.totp_secret is None:
        raise ForbiddenChange(N_("Two-factor login is already on, or its set-up was not started. Start again."), "code")
    confirm_password(user, password)
    if not _use_totp_code(user, code):
        raise WrongCode(N_("The code is not correct."), "code")
    user.two_factor_enabled_at = utcnow()
    user.session_version += 1
    return _replace_recovery_codes(user)


def verify_second_factor(user: User, code: str) -> None:
    """WrongCode unless `code` is a fresh TOTP code or an unused recovery code of the account."""
    if not (user.two_factor_enabled and (_use_totp_code(user, code) or _use_recovery_code(user, code))):
        raise WrongCode(N_("The code is not correct."), "code")


def regenerate_recovery_codes(user: User, password: str) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    confirm_password(user, password)
    return _replace_recovery_codes(user)


def disable_two_factor(user: User, password: str, code: str) -> User:
    """Switch two-factor login off, confirmed by the password and a code; ends every session."""
    confirm_password(user, password)
    verify_second_factor(user, code)
    reset_two_factor(user)
    return user


def reset_two_factor(user: User) -> None:
    """Switch two-factor login off without asking (`flask reset-2fa`); ends every session."""
    user.totp_secret = None
    user.two_factor_enabled_at = None
    user.totp_last_step = None
    user.session_version += 1
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.commit()


def unused_recovery_codes(user: User) -> int:
    return int(
        db.session.execute(
            select(func.count()).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        ).scalar_one()
    )


def _use_totp_code(user: User, code: str) -> bool:
    code = re.sub(r"\s", "", code)
    if user.totp_secret is None or not re.fullmatch(r"\d{6}", code):
        return False
    totp = pyotp.TOTP(user.totp_secret)
    current = totp.timecode(datetime.now(UTC))
    for step in range(current - ALLOWED_DRIFT_STEPS, current + ALLOWED_DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return _claim_step(user, step)
    return False


def _claim_step(user: User, step: int) -> bool:
    """Record `step` as used unless it, or a later one, already was."""
    result = db.session.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return int(result.rowcount) == 1  # type: ignore[attr-defined]


def _normalise_recovery_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


def _use_recovery_code(user: User, code: str) -> bool:
    result = db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        .where(RecoveryCode.code_hash == hash_token(_normalise_recovery_code(code)))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return int(result.rowcount) == 1  # type: ignore[attr-defined]


def _new_recovery_code() -> str:
    characters = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(4 * RECOVERY_CODE_GROUPS))
    return "-".join(characters[i : i + 4] for i in range(0, len(characters), 4))


def _replace_recovery_codes(user: User) -> list[str]:
    """Ten new codes in place of any old ones, committed with whatever else the caller changed."""
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=hash_token(_normalise_recovery_code(code))) for code in codes
    )
    db.session.commit()
    return codes
