"""A list's board: its live tasks in one column per status, each column a bounded slice."""

from sqlalchemy import select

from ..extensions import db
from ..models import Task, TaskStatus, User
from .labels import load_labels

# Completed cards pile up for ever: the newest are what a board is for; the list pages hold the rest.
COMPLETED_SHOWN = 50
OPEN_SHOWN = 100


def board_columns(owner: User, list_id: int) -> dict[TaskStatus, list[Task]]:
    """The cards of each column with their labels: one statement per column and one for all their labels.

    Open columns put the most pressing first (priority, then due date); the
    Completed column the most recently completed.
    """
    columns = {}
    for status in TaskStatus:
        statement = select(Task).where(
            Task.owner_id == owner.id, Task.list_id == list_id, Task.deleted_at.is_(None), Task.status == status
        )
        if status is TaskStatus.COMPLETED:
            statement = statement.order_by(Task.completed_at.desc(), Task.id.desc()).limit(COMPLETED_SHOWN)
        else:
            statement = statement.order_by(
                Task.priority.desc(), Task.due_date.is_(None), Task.due_date, Task.id
            ).limit(OPEN_SHOWN)
        columns[status] = list(db.session.scalars(statement))
    load_labels([task for cards in columns.values() for task in cards])
    return columns
