"""Items: simple titled notes owned by one user."""

from sqlalchemy import func, select

from ..extensions import db
from ..models import Item, User
from .common import Page, get_owned, ordering, paginate, search
from .submissions import commit_created

SORT_COLUMNS = {"title": func.lower(Item.title), "created": Item.created_at, "updated": Item.updated_at}
SORT_LABELS = {"title": "Title", "created": "Created", "updated": "Updated"}
DEFAULT_SORT = "-created"


def create_item(owner: User, title: str, description: str | None = None, form_token: str | None = None) -> Item:
    """A new item; `form_token` makes the form that sent it single-use (see submissions)."""
    item = Item(owner_id=owner.id, title=title, description=description or None)
    db.session.add(item)
    commit_created(owner, item, form_token)
    return item


def get_item(owner: User, item_id: int) -> Item:
    return get_owned(Item, owner, item_id)


def list_items(
    owner: User,
    q: str | None = None,
    sort: str = DEFAULT_SORT,
    page: int = 1,
    per_page: int = 25,
    skip: int | None = None,
) -> Page:
    """A page of the owner's items, optionally matching a search, sorted like task lists are."""
    statement = select(Item).where(Item.owner_id == owner.id)
    if q and q.strip():
        statement = statement.where(search((Item.title, Item.description), q.strip()))
    return paginate(statement.order_by(*ordering(sort, SORT_COLUMNS, Item.id)), page, per_page, skip)


def update_item(owner: User, item_id: int, title: str, description: str | None) -> Item:
    item = get_item(owner, item_id)
    item.title = title
    item.description = description or None
    db.session.commit()
    return item


def delete_item(owner: User, item_id: int) -> None:
    db.session.delete(get_item(owner, item_id))
    db.session.commit()
