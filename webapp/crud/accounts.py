"""A person's own account: password and email changes, resets and confirmations, ending sessions.

Every change made from a signed-in session is confirmed by the current password.
The slow argon2 work runs after the read transaction has ended, so no database
transaction (or pooled connection) is held open while hashing.
"""

from sqlalchemy import select

from ..extensions import db
from ..models import LOCALES, AccountLink, ColourMode, LinkPurpose, User, utcnow
from ..passwords import hash_password, verify_password
from .errors import N_, CrudError, WrongPassword
from .links import add_link, find_link, mark_used, retire_links
from .tokens import revoke_all_api_tokens
from .users import commit_unique_email, get_user_by_email, normalise_email


def change_password(user: User, current_password: str, new_password: str) -> int:
    """Set a new password, end every session of the user (this one included) and revoke their
    API tokens; the number of tokens revoked."""
    confirm_password(user, current_password, field="current_password")
    new_hash = hash_password(new_password)
    return _set_password(user, new_hash)


def request_password_reset(email: str) -> tuple[User, str] | None:
    """The active account with this email and the secret of a new reset link for it, or None."""
    user = get_user_by_email(email)
    if user is None or not user.is_active:
        db.session.rollback()
        return None
    _, secret = add_link(LinkPurpose.PASSWORD_RESET, user=user)
    db.session.commit()
    return user, secret


def password_reset_account(secret: str) -> User:
    """The account a reset link is for; InvalidLink if it cannot be used."""
    link = find_link(LinkPurpose.PASSWORD_RESET, secret)
    assert link.user is not None
    return link.user


def reset_password(secret: str, new_password: str) -> User:
    """Use the reset link: set the password, end all sessions, revoke API tokens.

    Following the emailed link proves the address too, so it counts as confirmed.
    """
    db.session.rollback()  # nothing open during the slow hash
    new_hash = hash_password(new_password)
    link = find_link(LinkPurpose.PASSWORD_RESET, secret)
    user = link.user
    assert user is not None
    mark_used(link.id)
    retire_links(user, LinkPurpose.PASSWORD_RESET)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    _set_password(user, new_hash)
    return user


def _set_password(user: User, new_hash: str) -> int:
    user.password_hash = new_hash
    user.session_version += 1
    revoked = revoke_all_api_tokens(user)
    db.session.commit()
    return revoked


def request_email_change(user: User, password: str, new_email: str) -> str | None:
    """The secret of a link that confirms `new_email` for this account, or None when another
    account has that address (the caller answers the same either way)."""
    confirm_password(user, password, field="password")
    email = normalise_email(new_email)
    if get_user_by_email(email) is not None:
        db.session.rollback()
        return None
    _, secret = add_link(LinkPurpose.VERIFY_EMAIL, user=user, email=email)
    db.session.commit()
    return secret


def request_email_verification(user: User) -> str:
    """The secret of a new link that confirms the account's current email."""
    _, secret = add_link(LinkPurpose.VERIFY_EMAIL, user=user, email=user.email)
    db.session.commit()
    return secret


def email_to_confirm(secret: str) -> AccountLink:
    """The confirmation link with this secret; InvalidLink if it cannot be used."""
    return find_link(LinkPurpose.VERIFY_EMAIL, secret)


def confirm_email(secret: str) -> tuple[User, str]:
    """Confirm the address the link was sent to, making it the account's email if it was a change;
    the account and its email before. EmailTaken if another account took the address meanwhile."""
    link = email_to_confirm(secret)
    user, new_email, link_id = link.user, link.email, link.id
    assert user is not None and new_email is not None
    user_id, old_email = user.id, user.email
    mark_used(link_id)
    retire_links(user, LinkPurpose.VERIFY_EMAIL)  # an older link must not bring back an older address
    user.email = new_email
    user.email_verified_at = utcnow()
    commit_unique_email(new_email, user_id)
    return user, old_email


def pending_email(user: User) -> str | None:
    """The new address an email change waits to have confirmed, if any."""
    return db.session.execute(
        select(AccountLink.email)
        .where(AccountLink.user_id == user.id, AccountLink.purpose == LinkPurpose.VERIFY_EMAIL)
        .where(AccountLink.used_at.is_(None), AccountLink.expires_at > utcnow(), AccountLink.email != user.email)
        .order_by(AccountLink.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def set_locale(user: User, locale: str | None) -> None:
    """The language of the person's pages: one of LOCALES, or None to follow their browser's."""
    if locale is not None and locale not in LOCALES:
        raise CrudError(N_("Choose one of the languages offered."), "locale")
    user.locale = locale
    db.session.commit()


def end_sessions(user: User) -> None:
    """Sign the user out on every device: sessions carrying the old version stop working."""
    user.session_version += 1
    db.session.commit()


def confirm_password(user: User, password: str, field: str = "password") -> None:
    """WrongPassword, naming the parameter that carried it, unless `password` is the account's;
    ends the read transaction first."""
    stored_hash = user.password_hash
    db.session.rollback()  # end the read before the slow hash
    if not verify_password(stored_hash, password):
        raise WrongPassword(N_("The password is not correct."), field)


def set_colour_mode(user: User, mode: ColourMode) -> None:
    """How the person's pages look from their next page on."""
    user.colour_mode = mode
    db.session.commit()
