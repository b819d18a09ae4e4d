"""Helpers shared by the CRUD modules."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, select
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from .errors import NotFound, StaleEdit

MAX_PER_PAGE = 100
# Beyond this page the row offset would not fit the databases' 64-bit integers.
MAX_PAGE = 2**63 // MAX_PER_PAGE


def paginate(statement: Select, page: int, per_page: int) -> Pagination:
    """One page of rows; a page past the end gives the last page rather than an error."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, min(page, MAX_PAGE))
    result = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    if page > 1 and not result.items and result.pages:
        result = db.paginate(statement, page=result.pages, per_page=per_page, error_out=False)
    return result


def get_owned(model, owner, object_id: int):
    """The owner's object with this id; anyone else's is NotFound, as if it did not exist."""
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
