"""Single-use links: password resets, email confirmations and invitations.

A link carries 32 random bytes; only their SHA-256 is stored, so a copy of the
database opens nothing. A link is used by one UPDATE that succeeds only while it
is still unused and unexpired, so two clicks at once cannot both use it.
"""

import secrets
from datetime import timedelta

from sqlalchemy import select, update

from ..extensions import db
from ..models import AccountLink, LinkPurpose, User, utcnow
from .errors import N_, InvalidLink
from .tokens import hash_token

LIFETIMES = {
    LinkPurpose.PASSWORD_RESET: timedelta(minutes=60),
    LinkPurpose.VERIFY_EMAIL: timedelta(hours=48),
    LinkPurpose.INVITATION: timedelta(days=7),
}


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def add_link(
    purpose: LinkPurpose,
    user: User | None = None,
    email: str | None = None,
    created_by: User | None = None,
) -> tuple[AccountLink, str]:
    """A new link and its secret, added to the session (the caller commits); the secret is never stored."""
    secret = new_secret()
    link = AccountLink(
        purpose=purpose,
        token_hash=hash_token(secret),
        user_id=user.id if user else None,
        email=email,
        created_by_id=created_by.id if created_by else None,
        expires_at=utcnow() + LIFETIMES[purpose],
    )
    db.session.add(link)
    return link, secret


def find_link(purpose: LinkPurpose, secret: str) -> AccountLink:
    """The usable link with this secret; InvalidLink if it is unknown, used, expired or its account inactive."""
    link = db.session.execute(
        select(AccountLink).where(AccountLink.token_hash == hash_token(secret), AccountLink.purpose == purpose)
    ).scalar_one_or_none()
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        raise InvalidLink(N_("This link is not valid any more."))
    if link.user is not None and not link.user.is_active:
        raise InvalidLink(N_("This link is not valid any more."))
    return link


def mark_used(link_id: int) -> None:
    """Use the link in the current transaction; InvalidLink if another request used it first."""
    now = utcnow()
    result = db.session.execute(
        update(AccountLink)
        .where(AccountLink.id == link_id, AccountLink.used_at.is_(None), AccountLink.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        raise InvalidLink(N_("This link is not valid any more."))


def retire_links(user: User, purpose: LinkPurpose) -> None:
    """Mark every open link of this kind for the account used (e.g. older resets once one succeeded)."""
    db.session.execute(
        update(AccountLink)
        .where(AccountLink.user_id == user.id, AccountLink.purpose == purpose, AccountLink.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
