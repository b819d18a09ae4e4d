"""Each task's history: the events crud writes with every change to a task, in the change's own transaction,
so that a change rolled back (a stale edit, say) leaves no event, and no change goes unrecorded.

Values are kept as text: enums by their stored value, dates in ISO 8601, the list and labels by their
names at the time. The pages put them in the reader's words (webapp.tasks.history_words).
"""

from collections.abc import Callable, Collection
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Select,
    SQLColumnExpression,
    String,
    bindparam,
    cast,
    insert,
    inspect,
    literal,
    select,
)
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import EventKind, Task, TaskEvent, TaskList, TaskStatus, User, utcnow
from .access import tasks_of_lists_where
from .common import Page, is_storable_id, paginate
from .errors import NotFound

# The task page shows this many of the newest events and links to the rest.
HISTORY_SHOWN = 20


def record(
    task: Task,
    actor: User | None,
    kind: EventKind,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
) -> TaskEvent:
    """Add to the session the event of `actor` doing `kind` to the task (a new one too: it is written after it).

    A field's change names the `field` and its `old` and `new` values as text. An assignment names the
    person assigned as `new`, one unassigned as `old` (their email).
    """
    event = TaskEvent(
        task=task, actor_id=actor.id if actor else None, kind=kind, field=field, old_value=old, new_value=new
    )
    db.session.add(event)
    return event


def record_each(
    task_ids: Collection[int],
    actor: User,
    kind: EventKind | ColumnElement[str],
    field: str | None = None,
    old: SQLColumnExpression[Any] | str | None = None,
    new: str | None = None,
) -> None:
    """The event of a statement changing many tasks at once: one per task, in one INSERT ... SELECT.

    Run it before the change: `kind` and `old` may be SQL expressions over the task's row as it is (its
    status, say), so each task's event says what that task was.
    """
    if not task_ids:
        return
    text = String()
    each = select(
        Task.id,
        literal(actor.id),
        kind if isinstance(kind, ColumnElement) else literal(kind.value, text),
        literal(field, text),
        literal(old, text) if old is None or isinstance(old, str) else cast(old, text),
        literal(new, text),
        literal(utcnow(), DateTime()),
    ).where(Task.id.in_(set(task_ids)))
    columns = ["task_id", "actor_id", "kind", "field", "old_value", "new_value", "created_at"]
    db.session.execute(insert(TaskEvent).from_select(columns, each))


def list_name_of_task() -> ColumnElement[str]:
    """The name of the task's list, for record_each."""
    return select(TaskList.name).where(TaskList.id == Task.list_id).scalar_subquery()


# What an edit compares, field by field: a value to compare (two lists may share a name) and its text.
Value = tuple[object, str | None]


def _list_value(task: Task) -> Value:
    # The list assigned by the edit, else the stored one (from the session when the task was read with it).
    assigned = inspect(task).attrs.task_list.loaded_value
    task_list = assigned if isinstance(assigned, TaskList) else db.session.get(TaskList, task.list_id)
    return (task_list.id, task_list.name) if task_list else (task.list_id, None)


def _labels_value(task: Task) -> Value:
    names = ", ".join(label.name for label in task.labels)
    return names, names or None


FIELDS: dict[str, Callable[[Task], Value]] = {
    "title": lambda task: (task.title, task.title),
    "description": lambda task: (task.description, task.description),
    "status": lambda task: (task.status, task.status.value),
    "due_date": lambda task: (task.due_date, task.due_date.isoformat() if task.due_date else None),
    "priority": lambda task: (task.priority, str(int(task.priority))),
    "recurrence": lambda task: (task.recurrence, task.recurrence),
    "repeat_from_completion": lambda task: (task.repeat_from_completion, str(task.repeat_from_completion).lower()),
    "list": _list_value,
    "labels": _labels_value,
}
# The task's relations, followed only when an edit names them (they need not be loaded otherwise).
RELATIONS = {"list_id": "list", "label_ids": "labels"}


def snapshot(task: Task, changing: Collection[str]) -> dict[str, Value]:
    """The fields of a task that its history follows, before an edit of the fields named `changing` (as
    update_task names them)."""
    fields = [field for field in FIELDS if field not in RELATIONS.values()]
    fields += [RELATIONS[name] for name in changing if name in RELATIONS]
    return {field: FIELDS[field](task) for field in fields}


def record_changes(task: Task, actor: User, before: dict[str, Value]) -> None:
    """An event for each field of the task that differs from its `before` snapshot."""
    for field, (was, old) in before.items():
        now, new = FIELDS[field](task)
        if was != now:
            record(task, actor, _kind_of_change(field, old, new), field, old, new)


def _kind_of_change(field: str, old: str | None, new: str | None) -> EventKind:
    if field == "list":
        return EventKind.MOVED
    if field == "status" and new == TaskStatus.COMPLETED:
        return EventKind.COMPLETED
    if field == "status" and old == TaskStatus.COMPLETED:
        return EventKind.REOPENED
    return EventKind.CHANGED


@cache
def _newest_first() -> Select[TaskEvent]:
    # Built once, with parameters: every task page runs it (see latest_events).
    return (
        select(TaskEvent)
        .where(TaskEvent.task_id == bindparam("task_id"))
        .order_by(TaskEvent.id.desc())
        .options(joinedload(TaskEvent.actor))
    )


@cache
def _latest() -> Select[TaskEvent]:
    return _newest_first().limit(bindparam("limit"))


def latest_events(task: Task, shown: int = HISTORY_SHOWN) -> tuple[list[TaskEvent], bool]:
    """The newest `shown` events of a task read with get_task, with their actors, and whether it has older
    ones: one statement, however long its history."""
    events = list(db.session.scalars(_latest(), {"task_id": task.id, "limit": shown + 1}))
    return events[:shown], len(events) > shown


def task_history(
    user: User, task_id: int, page: int = 1, per_page: int = HISTORY_SHOWN, skip: int | None = None
) -> Page[TaskEvent]:
    """A page of the history of a live task the user sees, newest first, with the actors; NotFound otherwise."""
    visible = is_storable_id(task_id) and db.session.scalar(
        select(Task.id).where(Task.id == task_id, Task.deleted_at.is_(None), *tasks_of_lists_where(user))
    )
    if not visible:
        raise NotFound("Task not found")
    return paginate(_newest_first(), page, per_page, skip, parameters={"task_id": task_id})
