"""Helpers shared by the CRUD modules: ownership, optimistic locking, sorting and paging."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from math import ceil

from sqlalchemy import ColumnElement, Select, asc, desc, func, select
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from .errors import InvalidFilter, NotFound, StaleEdit

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class Page:
    """One page of rows and where it sits among all of them."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return ceil(self.total / self.per_page)

    def iter_pages(self, edge: int = 2, around: int = 2) -> Iterator[int | None]:
        """Page numbers for a pager: the first and last few and those around this one; None for a gap."""
        shown = 0
        for number in range(1, self.pages + 1):
            if number <= edge or number > self.pages - edge or abs(number - self.page) <= around:
                if number > shown + 1:
                    yield None
                yield number
                shown = number


def paginate(statement: Select, page: int, per_page: int) -> Page:
    """One page of rows in two statements: the count, then the rows.

    Counting first lets a page past the end be answered with the last page
    without a second round of queries.
    """
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    page = max(1, min(page, ceil(total / per_page)))
    items = []
    if total:
        items = list(db.session.scalars(statement.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, page=page, per_page=per_page, total=total)


def ordering(sort: str, columns: Mapping[str, ColumnElement], tiebreak, nulls_last=frozenset()) -> list:
    """ORDER BY for a sort such as "title" or "-due" (descending).

    Ties are broken by `tiebreak` (the id) so pages never overlap, and for the
    columns in `nulls_last` empty values come last in both directions.
    """
    key = sort.removeprefix("-")
    if key not in columns:
        raise InvalidFilter(f"Unknown sort {sort!r}; use one of {', '.join(columns)}, optionally with a leading '-'.")
    direction = desc if sort.startswith("-") else asc
    clauses = [direction(columns[key]), direction(tiebreak)]
    if key in nulls_last:
        clauses.insert(0, columns[key].is_(None))
    return clauses


def search(columns, q: str) -> ColumnElement[bool]:
    """Case-insensitive substring match on any of the columns, with % and _ taken literally.

    `icontains` is ILIKE on PostgreSQL and lower() LIKE lower() on SQLite and MariaDB.
    """
    condition = None
    for column in columns:
        match = column.icontains(q, autoescape=True)
        condition = match if condition is None else condition | match
    return condition


def get_owned(model, owner, object_id: int, *criteria):
    """The owner's object with this id; anyone else's is NotFound, as if it did not exist."""
    obj = db.session.execute(
        select(model).where(model.id == object_id, model.owner_id == owner.id, *criteria)
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
