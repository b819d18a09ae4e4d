"""Helpers shared by the CRUD modules: ownership, optimistic locking, sorting and paging."""

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import ceil
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, asc, desc, func, or_, select
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.elements import OrderByList

from ..extensions import db
from ..models import ID_MAX, ApiToken, Item, Label, Task, TaskList
from .errors import InvalidFilter, NotFound, StaleEdit

# The most rows any list gives at once (pages, API, bulk actions), and a list's page size unless asked.
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 25
# PostgreSQL takes only `=` as fixing a column: it reads an order such as "created_at, id" from an
# (owner_id, deleted_at, created_at, id) index under `deleted_at IS NULL` only when the ORDER BY
# names deleted_at too, and sorts every matching row otherwise. MariaDB is the other way round (it
# sorts them all when the ORDER BY names deleted_at); SQLite reads the index either way.
ORDER_NAMES_NULL_FIXED_COLUMNS = frozenset({"postgresql"})

Row = TypeVar("Row")
Owned = TypeVar("Owned", Item, Task, ApiToken, TaskList, Label)


def give_tasks(tasks: Sequence[Task], attribute: str, pairs: Select[int, Any], **parameters: Any) -> None:
    """Give each of these tasks its `attribute` (a list of related rows), in one statement for all of them.

    `pairs` selects (task id, related row) for the task ids bound to its expanding `task_ids` parameter (and
    any other `parameters`), in the order each list keeps; built once by its caller, since composing it cost
    as much as running it. The attribute is set as loaded, so reading it later costs no statement of its own.
    """
    by_task: dict[int, list[Any]] = {task.id: [] for task in tasks}
    if by_task:
        for task_id, related in db.session.execute(pairs, {"task_ids": list(by_task), **parameters}):
            by_task[task_id].append(related)
    for task in tasks:
        set_committed_value(task, attribute, by_task[task.id])


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One page of rows and where it sits among all of them."""

    items: list[Row]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return ceil(self.total / self.per_page)

    def iter_pages(self, edge: int = 2, around: int = 2) -> Iterator[int | None]:
        """Page numbers for a pager: the first and last few and those around this one; None for a gap.

        Built from those three ranges alone, so a list of thousands of pages costs no more than one of ten.
        """
        pages = self.pages
        numbers = {
            *range(1, min(edge, pages) + 1),
            *range(max(1, self.page - around), min(pages, self.page + around) + 1),
            *range(max(1, pages - edge + 1), pages + 1),
        }
        shown = 0
        for number in sorted(numbers):
            if number > shown + 1:
                yield None
            yield number
            shown = number


def paginate(
    statement: Select[Row],
    page: int,
    per_page: int,
    skip: int | None = None,
    total: int | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> Page[Row]:
    """One page of rows in two statements: the count, then the rows (see `rows_from`).

    Counting first lets a page past the end be answered with the last page
    without a second round of queries; a caller that knows the `total` already
    saves the count. With `skip` (the offset paging of the FastAPI tutorial)
    the rows start after that many instead, and past the end there are none.
    `parameters` are the values of a statement built once with bound parameters.
    """
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    if total is None:
        count = select(func.count()).select_from(statement.order_by(None).subquery())
        total = db.session.scalar(count, parameters) or 0
    if skip is None:
        page = max(1, min(page, ceil(total / per_page)))
        skip = (page - 1) * per_page
    else:
        page = skip // per_page + 1
    items = list(db.session.scalars(rows_from(statement, skip, per_page), parameters)) if total else []
    return Page(items=items, page=page, per_page=per_page, total=total)


def rows_from(statement: Select[Row], offset: int, limit: int) -> Select[Row]:
    """The statement's rows from `offset` on, at most `limit` of them, in its order; ids first.

    The page's ids are chosen in a subquery that selects nothing but the id, so
    an index on the filtered and sorted columns answers it alone: a deep page
    steps over index entries instead of whole rows, and only the page's own
    rows are read, by primary key. The statement's filters and order stay on
    the outer query too, so it returns the same rows in the same order. The
    first page skips nothing, so it is the plain LIMIT, without the cost of
    composing the subquery.
    """
    if offset == 0:
        return statement.limit(limit)
    model = statement.column_descriptions[0]["entity"]
    page_ids = statement.with_only_columns(model.id).limit(limit).offset(offset).subquery()
    return statement.join(page_ids, model.id == page_ids.c.id)


def ordering(
    sort: str,
    columns: Mapping[str, SQLColumnExpression[Any]],
    tiebreak: SQLColumnExpression[Any],
    nulls_last: Collection[str] = (),
    null_fixed: Iterable[SQLColumnExpression[Any]] = (),
) -> list[ColumnElement[Any] | OrderByList]:
    """ORDER BY for a sort such as "title" or "-due" (descending).

    Ties are broken by `tiebreak` (the id) so pages never overlap, and for the
    columns in `nulls_last` empty values come last in both directions.

    `null_fixed` are columns the filter holds to NULL, such as `deleted_at` of
    live tasks. On the databases that need it (ORDER_NAMES_NULL_FIXED_COLUMNS)
    they lead the ORDER BY: the order stays the same, but an index starting
    with them can serve it.
    """
    key = sort.removeprefix("-")
    if key not in columns:
        raise InvalidFilter(f"Unknown sort {sort!r}; use one of {', '.join(columns)}, optionally with a leading '-'.")
    direction = desc if sort.startswith("-") else asc
    clauses: list[ColumnElement[Any] | OrderByList] = [direction(columns[key]), direction(tiebreak)]
    if key in nulls_last:
        clauses.insert(0, columns[key].is_(None))
    if db.engine.dialect.name in ORDER_NAMES_NULL_FIXED_COLUMNS:
        clauses = [*(direction(column) for column in null_fixed), *clauses]
    return clauses


def search(columns: Iterable[SQLColumnExpression[str | None]], q: str) -> ColumnElement[bool]:
    """Case-insensitive substring match on any of the columns, with % and _ taken literally.

    `icontains` is ILIKE on PostgreSQL and lower() LIKE lower() on SQLite and MariaDB.
    """
    return or_(*(column.icontains(q, autoescape=True) for column in columns))


def is_storable_id(object_id: int) -> bool:
    """Whether an id could exist at all; a larger number would overflow the database's integer."""
    return 1 <= object_id <= ID_MAX


def get_owned(model: type[Owned], owner_id: int, object_id: int, *criteria: SQLColumnExpression[bool]) -> Owned:
    """The owner's object with this id; anyone else's is NotFound, as if it did not exist."""
    if not is_storable_id(object_id):
        raise NotFound(f"{model.__name__} not found")
    obj = db.session.execute(
        select(model).where(model.id == object_id, model.owner_id == owner_id, *criteria)
    ).scalar_one_or_none()
    if obj is None:
        raise NotFound(f"{model.__name__} not found")
    return obj


def check_fields(changes: Mapping[str, object], allowed: frozenset[str]) -> None:
    """A partial update names only fields it may change; anything else is the caller's mistake."""
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))}; only {', '.join(sorted(allowed))}.")


def commit_versioned(obj: Owned, reload: Callable[[], Owned]) -> Owned:
    """Commit an edit of a versioned row; a concurrent save that won first raises StaleEdit."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise StaleEdit(reload()) from None
    return obj
