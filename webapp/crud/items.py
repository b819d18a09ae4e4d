"""Items: simple titled notes owned by one user."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..models import Item, User
from .common import DEFAULT_PER_PAGE, Page, check_fields, get_owned, ordering, paginate, search
from .errors import N_
from .submissions import commit_created

SORT_COLUMNS = {"title": func.lower(Item.title), "created": Item.created_at, "updated": Item.updated_at}
SORT_LABELS = {"title": N_("Title"), "created": N_("Created"), "updated": N_("Updated")}
DEFAULT_SORT = "-created"


def create_item(owner: User, title: str, description: str | None = None, form_token: str | None = None) -> Item:
    """A new item; `form_token` makes the form that sent it single-use (see submissions)."""
    item = Item(owner_id=owner.id, title=title, description=description or None)
    db.session.add(item)
    commit_created(owner, item, form_token)
    return item


def get_item(owner: User, item_id: int) -> Item:
    return get_owned(Item, owner.id, item_id)


def list_items(
    owner: User,
    q: str | None = None,
    sort: str = DEFAULT_SORT,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    skip: int | None = None,
) -> Page[Item]:
    """A page of the owner's items, optionally matching a search, sorted like task lists are."""
    statement = select(Item).where(Item.owner_id == owner.id)
    if q and q.strip():
        statement = statement.where(search((Item.title, Item.description), q.strip()))
    return paginate(statement.order_by(*ordering(sort, SORT_COLUMNS, Item.id)), page, per_page, skip)


ITEM_FIELDS = frozenset({"title", "description"})


def update_item(item: Item, changes: Mapping[str, Any]) -> Item:
    """Change the fields named in `changes` (title, description) of an item read with get_item."""
    check_fields(changes, ITEM_FIELDS)
    if "title" in changes:
        item.title = changes["title"]
    if "description" in changes:
        item.description = changes["description"] or None
    db.session.commit()
    return item


def delete_item(owner: User, item_id: int) -> None:
    db.session.delete(get_item(owner, item_id))
    db.session.commit()
