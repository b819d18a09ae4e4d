"""Items: simple titled notes owned by one user."""

from sqlalchemy import select

from ..extensions import db
from ..models import Item, User
from .common import get_owned, paginate


def create_item(owner: User, title: str, description: str | None = None) -> Item:
    item = Item(owner_id=owner.id, title=title, description=description or None)
    db.session.add(item)
    db.session.commit()
    return item


def get_item(owner: User, item_id: int) -> Item:
    return get_owned(Item, owner, item_id)


def list_items(
    owner: User, page: int = 1, per_page: int = 25, q: str | None = None, skip: int | None = None
):
    statement = select(Item).where(Item.owner_id == owner.id)
    if q:
        statement = statement.where(
            Item.title.icontains(q, autoescape=True) | Item.description.icontains(q, autoescape=True)
        )
    return paginate(statement.order_by(Item.id.desc()), page, per_page, skip)


def update_item(owner: User, item_id: int, title: str, description: str | None) -> Item:
    item = get_item(owner, item_id)
    item.title = title
    item.description = description or None
    db.session.commit()
    return item


def delete_item(owner: User, item_id: int) -> None:
    db.session.delete(get_item(owner, item_id))
    db.session.commit()
