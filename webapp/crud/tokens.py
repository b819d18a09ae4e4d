"""Personal API tokens: created and revoked by their owner, looked up by the API on every request.

A token is 32 random bytes, so a plain SHA-256 of it cannot be brute-forced and
can be looked up by equality; a slow password hash would buy nothing here and
cost every API request.
"""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from ..extensions import db
from ..models import ApiToken, User, utcnow
from .common import get_owned

TOKEN_PREFIX = "tb_"
# last_used_at is a hint for people reviewing their tokens; writing it on every request would
# turn each API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(owner: User, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret is returned this once and never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(owner_id=owner.id, name=name, token_hash=hash_token(secret))
    db.session.add(token)
    db.session.commit()
    return token, secret


def list_api_tokens(owner: User) -> list[ApiToken]:
    return list(
        db.session.execute(select(ApiToken).where(ApiToken.owner_id == owner.id).order_by(ApiToken.id.desc())).scalars()
    )


def revoke_api_token(owner: User, token_id: int) -> None:
    db.session.delete(get_owned(ApiToken, owner.id, token_id))
    db.session.commit()


def revoke_all_api_tokens(owner: User) -> int:
    """Revoke every token of the account in the current transaction (the caller commits); how many."""
    result = db.session.execute(
        delete(ApiToken).where(ApiToken.owner_id == owner.id).execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def user_for_api_token(secret: str) -> User | None:
    """The active owner of this token, or None; records when the token was last used."""
    token = db.session.execute(select(ApiToken).where(ApiToken.token_hash == hash_token(secret))).scalar_one_or_none()
    if token is None or not token.owner.is_active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
        db.session.commit()
    return token.owner
