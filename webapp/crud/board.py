"""A list's board: its live tasks in one column per status, each column a bounded slice."""

from typing import Any

from sqlalchemy import desc, select
from sqlalchemy.orm import InstrumentedAttribute

from ..extensions import db
from ..models import Task, TaskStatus, User
from .access import tasks_of_list
from .common import ORDER_NAMES_NULL_FIXED_COLUMNS
from .labels import load_labels

# A board is for what is at hand: each column shows this many cards and links to the rest in the list.
COMPLETED_SHOWN = 50
OPEN_SHOWN = 50


def board_columns(user: User, list_id: int) -> dict[TaskStatus, list[Task]]:
    """The cards of each column with their labels: one statement per column and one for all their labels.

    Open columns put the most pressing first (by priority, then newest); the
    Completed column the newest. Each is read in that order from an index of
    the list's tasks, however long the list. A list the user is no member of has no cards for them.
    """
    columns = {}
    for status in TaskStatus:
        statement = select(Task).where(*tasks_of_list(user, list_id), Task.deleted_at.is_(None), Task.status == status)
        if status is TaskStatus.COMPLETED:
            statement = statement.order_by(*_newest_first(Task.created_at, Task.id)).limit(COMPLETED_SHOWN)
        else:
            statement = statement.order_by(*_newest_first(Task.priority, Task.created_at, Task.id)).limit(OPEN_SHOWN)
        columns[status] = list(db.session.scalars(statement))
    load_labels([task for cards in columns.values() for task in cards])
    return columns


def _newest_first(*columns: InstrumentedAttribute[Any]) -> list[Any]:
    """Descending by these columns; led by deleted_at where the database needs it to use the index (see
    common.ordering)."""
    fixed = [Task.deleted_at] if db.engine.dialect.name in ORDER_NAMES_NULL_FIXED_COLUMNS else []
    return [desc(column) for column in (*fixed, *columns)]
