"""Accounts: registration, authentication and administration."""

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Item, User, utcnow
from ..passwords import hash_password, needs_rehash, verify_password
from .common import Page, check_fields, is_storable_id, paginate
from .errors import N_, EmailTaken, ForbiddenChange, NotFound
from .task_lists import new_inbox
from .tokens import revoke_all_api_tokens

USERS_PER_PAGE = 20


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, password: str, is_admin: bool | None = None, email_verified: bool = False) -> User:
    """Create an account; the first account ever created becomes an admin.

    The password is hashed before any query, so no transaction stays open
    during the deliberately slow hash.
    """
    user = new_user(email, hash_password(password), is_admin, email_verified)
    commit_unique_email(user.email)
    return user


def new_user(email: str, password_hash: str, is_admin: bool | None = None, email_verified: bool = False) -> User:
    """An account with its Inbox, added to the session, not yet committed; the first account becomes an admin."""
    if is_admin is None:
        is_admin = not has_users()
    user = User(
        email=normalise_email(email),
        password_hash=password_hash,
        is_admin=is_admin,
        email_verified_at=utcnow() if email_verified else None,
    )
    user.task_lists.append(new_inbox(user))
    db.session.add(user)
    return user


def has_users() -> bool:
    return bool(db.session.execute(select(exists().select_from(User))).scalar())


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id) if is_storable_id(user_id) else None
    if user is None:
        raise NotFound("User not found")
    return user


def get_user_by_email(email: str) -> User | None:
    return db.session.execute(select(User).where(User.email == normalise_email(email))).scalar_one_or_none()


def authenticate(email: str, password: str) -> User | None:
    """The active account with these credentials, or None; the time taken does not tell which part failed.

    Hashes are checked, and upgraded to the current parameters, with no
    transaction open: the values needed are read first.
    """
    user = get_user_by_email(email)
    stored_hash = user.password_hash if user else None
    is_active = user is not None and user.is_active
    db.session.rollback()  # end the read before the slow hash
    # The hash is checked first, whoever asked: an unknown email takes as long as a wrong password.
    if not verify_password(stored_hash, password) or not is_active or user is None or stored_hash is None:
        return None
    if needs_rehash(stored_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def list_users(
    page: int = 1, per_page: int = USERS_PER_PAGE, skip: int | None = None, with_items: bool = False
) -> Page[User]:
    """A page of users, newest first; `with_items` loads their items too, in one extra query."""
    statement = select(User).order_by(User.id.desc())
    if with_items:
        statement = statement.options(selectinload(User.items))
    return paginate(statement, page, per_page, skip)


def item_titles_by_owner(users: Iterable[User]) -> dict[int, list[str]]:
    """The titles of these users' items, oldest first, in one statement.

    Plain (owner, title) rows rather than Item objects: an overview of twenty
    users shows a couple of hundred titles, and building full ORM objects
    (descriptions and all) for them cost more than the rest of the page.
    """
    titles: dict[int, list[str]] = {user.id: [] for user in users}
    rows = db.session.execute(
        select(Item.owner_id, Item.title).where(Item.owner_id.in_(titles)).order_by(Item.owner_id, Item.id)
    )
    for owner_id, title in rows:
        titles[owner_id].append(title)
    return titles


USER_FIELDS = frozenset({"email", "is_active", "is_admin"})


def update_user(user: User, acting_user: User, changes: Mapping[str, Any]) -> User:
    """Change the fields named in `changes` (email, is_active, is_admin); the others keep their values.

    Admins cannot deactivate themselves or drop their own admin rights: ForbiddenChange names the field.
    """
    check_fields(changes, USER_FIELDS)
    is_active = changes.get("is_active", user.is_active)
    is_admin = changes.get("is_admin", user.is_admin)
    if user.id == acting_user.id and not (is_active and is_admin):
        raise ForbiddenChange(
            "You cannot deactivate yourself or remove your own admin rights.",
            "is_active" if not is_active else "is_admin",
        )
    if user.is_active and not is_active:
        # Deactivation signs the user out everywhere and revokes their API tokens for good, so
        # reactivating the account later does not bring old tokens back.
        user.session_version += 1
        revoke_all_api_tokens(user)
    user_id = user.id
    user.email = normalise_email(changes.get("email", user.email))
    user.is_active = is_active
    user.is_admin = is_admin
    commit_unique_email(user.email, user_id)
    return user


def delete_user(user_id: int, acting_user: User) -> None:
    user = get_user(user_id)
    if user.id == acting_user.id:
        raise ForbiddenChange(N_("You cannot delete your own account here."))
    db.session.delete(user)
    db.session.commit()


def commit_unique_email(email: str, user_id: int | None = None) -> None:
    """Commit; EmailTaken if another account holds `email`.

    The unique constraint decides, not a check-then-insert, so concurrent
    registrations of one email cannot both succeed. Each database words its
    IntegrityError differently, so after one the committed state is asked who
    holds the email; any other integrity failure is not hidden behind EmailTaken.
    """
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        holder = get_user_by_email(email)
        if holder is None or holder.id == user_id:
            raise
        raise EmailTaken() from None
