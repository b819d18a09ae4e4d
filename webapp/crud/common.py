"""Helpers shared by the CRUD modules."""

from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..models import ID_MAX
from .errors import NotFound, StaleEdit

MAX_PER_PAGE = 100


@dataclass
class Window:
    """Rows from an offset, for clients that page by `skip`/`limit` rather than page numbers."""

    items: list
    total: int
    skip: int
    limit: int


def paginate(statement: Select, page: int, per_page: int, skip: int | None = None) -> Pagination | Window:
    """One page of rows; a page past the end gives the last page rather than an error.

    With `skip`, the `per_page` rows after the first `skip` instead of a numbered page.
    """
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    if skip is not None:
        return _window(statement, max(skip, 0), per_page)
    result = db.paginate(statement, page=max(page, 1), per_page=per_page, error_out=False)
    if page > 1 and not result.items and result.pages:
        result = db.paginate(statement, page=result.pages, per_page=per_page, error_out=False)
    return result


def _window(statement: Select, skip: int, limit: int) -> Window:
    total = db.session.execute(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).scalar_one()
    items = list(db.session.execute(statement.offset(skip).limit(limit)).scalars())
    return Window(items=items, total=total, skip=skip, limit=limit)


def is_storable_id(object_id: int) -> bool:
    """Whether an id could exist at all; a larger number would overflow the database's integer."""
    return 1 <= object_id <= ID_MAX


def get_owned(model, owner, object_id: int):
    """The owner's object with this id; anyone else's is NotFound, as if it did not exist."""
    if not is_storable_id(object_id):
        raise NotFound(f"{model.__name__} not found")
    obj = db.session.execute(
        select(model).where(model.id == object_id, model.owner_id == owner.id)
    ).scalar_one_or_none()
    if obj is None:
        raise NotFound(f"{model.__name__} not found")
    return obj


def commit_versioned(obj, reload):
    """Commit an edit of a versioned row; a concurrent save that won first raises StaleEdit."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise StaleEdit(reload()) from None
    return obj
