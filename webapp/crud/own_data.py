"""What a person owns, found from the models, for "Download all my data" and "Delete my account".

A row is someone's when a foreign key leads from it to their `users` row, directly (tasks.owner_id)
or through rows that are theirs (a label attached to one of their tasks). So a table added later
is part of the download as soon as its foreign keys say whose it is, with no change here.
Secrets are left out: columns named `*_hash` or `*secret*` (password and token hashes, two-factor
secrets), and the session counter.
"""

import re
from collections.abc import Iterator
from typing import Any, cast

from sqlalchemy import Column, ColumnElement, Select, Table, false, or_, select

from ..extensions import db
from ..models import User

LEFT_OUT = re.compile(r".*_hash$|.*secret.*|^session_version$")


def owned_tables() -> list[Table]:
    """Tables that hold rows a person can own, parents first."""
    return [table for table in db.metadata.sorted_tables if _owner_condition(table, 0, {}) is not None]


def exported_columns(table: Table) -> list[Column[Any]]:
    return [column for column in table.columns if not LEFT_OUT.match(column.name)]


def owned_rows(table: Table, user_id: int) -> Select[Any]:
    """The statement selecting `user_id`'s rows of `table` (their exported columns), in primary-key order."""
    condition = _owner_condition(table, user_id, {})
    return (
        select(*exported_columns(table))
        .where(condition if condition is not None else false())
        .order_by(*table.primary_key.columns)
    )


def _owner_condition(
    table: Table, user_id: int, seen: dict[str, ColumnElement[bool] | None]
) -> ColumnElement[bool] | None:
    """A WHERE clause for the rows of `table` that lead to the user, or None if none can."""
    users = cast(Table, User.__table__)
    if table is users:
        return users.c.id == user_id
    if table.name in seen:
        return seen[table.name]
    seen[table.name] = None  # a cycle of foreign keys leads nowhere new
    paths: list[ColumnElement[bool]] = []
    for foreign_key in table.foreign_keys:
        parent = foreign_key.column.table
        if parent is table:
            continue
        parent_condition = _owner_condition(parent, user_id, seen)
        if parent_condition is None:
            continue
        if parent is users:
            paths.append(foreign_key.parent == user_id)
        else:
            paths.append(foreign_key.parent.in_(select(foreign_key.column).where(parent_condition)))
    seen[table.name] = or_(*paths) if paths else None
    return seen[table.name]


def rows_of(table: Table, user_id: int, batch: int = 1000) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
    """The user's rows of `table` in batches, with the column names."""
    columns = [column.name for column in exported_columns(table)]
    result = db.session.execute(owned_rows(table, user_id).execution_options(yield_per=batch))
    for rows in result.partitions():
        yield columns, [tuple(row) for row in rows]
