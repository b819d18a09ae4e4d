"""Tasks: the to-dos people keep, with optimistic locking on edits and a trash."""

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Date, Executable, Select, bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from .. import clock
from ..extensions import db
from ..models import Priority, Task, TaskList, TaskStatus, User, name_key, utcnow
from .common import DEFAULT_PER_PAGE, Page, check_fields, commit_versioned, is_storable_id, paginate
from .errors import InvalidRecurrence, NotFound, StaleEdit
from .labels import labels_named, load_labels, owned_labels
from .recurring import add_next_occurrences, checked_rule, next_occurrence
from .reminder_times import follow_due_date
from .submissions import commit_created
from .task_lists import find_list, get_list, list_or_inbox
from .task_query import DEFAULT_SORT, StatusSlice, TaskFilter, filtered_tasks, status_slices

EXPORT_BATCH = 500


def create_task(
    owner: User,
    title: str,
    description: str | None = None,
    status: TaskStatus = TaskStatus.PENDING,
    due_date: date | None = None,
    list_id: int | None = None,
    priority: Priority | int = Priority.NONE,
    label_ids: Iterable[int] = (),
    form_token: str | None = None,
    recurrence: str | None = None,
    repeat_from_completion: bool = False,
) -> Task:
    """Create a task in the owner's list `list_id` (the Inbox if None) with the owner's labels `label_ids`.

    A list or label that is not the owner's is NotFound, and nothing is created; `form_token` makes
    the form that sent it single-use (see submissions). A task that repeats (`recurrence`, an RRULE; see
    webapp.recurrence) needs a due date, and a rule that repeats at all: InvalidRecurrence otherwise.
    """
    task = _new_task(
        owner,
        title,
        description,
        status,
        due_date,
        list_or_inbox(owner, list_id),
        priority,
        recurrence,
        repeat_from_completion,
    )
    task.labels = owned_labels(owner, label_ids)
    db.session.add(task)
    commit_created(owner, task, form_token)
    return task


@dataclass(frozen=True)
class ImportSummary:
    imported: int
    new_lists: list[str]
    new_labels: list[str]


def import_tasks(owner: User, rows: Iterable[Mapping[str, Any]]) -> ImportSummary:
    """Create a task from each row in one transaction: all or none.

    A row holds title, description, status, due_date, priority, and optionally
    `list` (a list name; empty is the Inbox) and `labels` (label names). Lists
    and labels that do not exist yet are created, and named in the summary.
    """
    records = [dict(row) for row in rows]
    new_lists: list[str] = []
    lists = {
        key: _list_named(owner, name, new_lists)
        for key, name in _distinct(row.get("list") or "" for row in records).items()
    }
    labels, new_labels = labels_named(owner, (name for row in records for name in row.get("labels") or ()))
    labels_by_key = {label.name_key: label for label in labels}
    tasks = []
    for row in records:
        task_list = lists[name_key(row.pop("list", None) or "")]
        task = _new_task(owner, task_list=task_list, **{k: v for k, v in row.items() if k != "labels"})
        task.labels = [labels_by_key[key] for key in _distinct(row.get("labels") or ()) if key]
        tasks.append(task)
    db.session.add_all(tasks)
    db.session.commit()
    return ImportSummary(imported=len(tasks), new_lists=new_lists, new_labels=new_labels)


def _distinct(names: Iterable[str]) -> dict[str, str]:
    """Each distinct name (letter case aside) once: its key, and the name as first written."""
    distinct: dict[str, str] = {}
    for name in names:
        distinct.setdefault(name_key(name), name.strip())
    return distinct


def _list_named(owner: User, name: str, new_lists: list[str]) -> TaskList:
    """The owner's list of this name (the Inbox when empty), created when missing."""
    if not name:
        return list_or_inbox(owner, None)
    found = find_list(owner, name)
    if found is None:
        found = TaskList(owner_id=owner.id, name=name, name_key=name_key(name))
        db.session.add(found)
        new_lists.append(name)
    return found


def get_task(owner: User, task_id: int) -> Task:
    """The owner's task with its list and labels; a task in the trash is NotFound here, as everywhere outside
    the trash."""
    return _live_task(owner.id, task_id)


@dataclass(frozen=True)
class TaskCounts:
    by_status: dict[TaskStatus, int]
    overdue: int
    in_trash: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def list_tasks(
    owner: User,
    status: Iterable[str] | str | None = None,
    due: str | None = None,
    q: str | None = None,
    sort: str = DEFAULT_SORT,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    today: date | None = None,
    skip: int | None = None,
    counts: TaskCounts | None = None,
    list_id: int | None = None,
    label: Iterable[int] | None = None,
    priority: Iterable[int] | None = None,
) -> Page[Task]:
    """A page of the owner's live tasks matching the filters (see task_query), with their labels: the count,
    the rows, then the labels of those rows.

    `list_id` narrows it to one of the owner's lists (someone else's list has
    no tasks of the owner's). Given the `counts` (count_tasks) of the same
    owner and list, as the list pages have them, an unfiltered list takes its
    total from them rather than counting the same tasks again.
    """
    task_filter = TaskFilter.of(status, due, q, list_id, label, priority)
    statement = filtered_tasks(owner, task_filter, sort, today or owner.today())
    total = counts.total if counts is not None and not task_filter.is_active else None
    result = paginate(statement, page, per_page, skip, total)
    load_labels(result.items)
    return result


def export_tasks(
    owner: User,
    status: Iterable[str] | str | None = None,
    due: str | None = None,
    q: str | None = None,
    sort: str = DEFAULT_SORT,
    today: date | None = None,
    list_id: int | None = None,
    label: Iterable[int] | None = None,
    priority: Iterable[int] | None = None,
) -> Iterator[Task]:
    """Every live task matching the filters, in list order, with its list and labels, in batches to keep memory
    flat."""
    task_filter = TaskFilter.of(status, due, q, list_id, label, priority)
    statement = filtered_tasks(owner, task_filter, sort, today or owner.today()).options(
        joinedload(Task.task_list), selectinload(Task.labels)
    )
    yield from db.session.scalars(statement.execution_options(yield_per=EXPORT_BATCH))


@cache
def counts_statement(of_list: bool = False) -> tuple[list[StatusSlice], Select[*tuple[int, ...]]]:
    """The status slices, and one statement counting each of them and the trash, for the owner_id and today given
    (and the list_id, `of_list`).

    Each count is a single range of the owner's entries in the (owner_id,
    deleted_at, status, due_date) index, which the database counts without
    reading a row or grouping any. Built once, with parameters: composing
    these eight counts took longer than running them, on a page everyone loads.
    """
    slices = status_slices(bindparam("today", type_=Date))
    owned = select(func.count()).select_from(Task).where(Task.owner_id == bindparam("owner_id"))
    if of_list:
        owned = owned.where(Task.list_id == bindparam("list_id"))
    live = owned.where(Task.deleted_at.is_(None))
    counts = [live.where(Task.status == part.status, part.due) for part in slices]
    counts.append(owned.where(Task.deleted_at.is_not(None)))
    return slices, select(*(count.scalar_subquery() for count in counts))


def count_tasks(owner: User, today: date | None = None, list_id: int | None = None) -> TaskCounts:
    """Live tasks per status (each counted once, see status_slices), how many are overdue, and how many
    are in the trash, in one statement; of one list if `list_id` is given."""
    slices, statement = counts_statement(of_list=list_id is not None)
    parameters = {"owner_id": owner.id, "today": today or owner.today(), "list_id": list_id}
    *sliced, in_trash = db.session.execute(statement, parameters).one()
    by_status = dict.fromkeys(TaskStatus, 0)
    for part, count in zip(slices, sliced, strict=True):
        by_status[part.status] += count
    overdue = sum(count for part, count in zip(slices, sliced, strict=True) if part.overdue)
    return TaskCounts(by_status=by_status, overdue=overdue, in_trash=in_trash)


TASK_FIELDS = frozenset(
    {
        "title",
        "description",
        "status",
        "due_date",
        "list_id",
        "priority",
        "label_ids",
        "recurrence",
        "repeat_from_completion",
    }
)


class Scope(enum.StrEnum):
    """What an edit of a repeating task changes."""

    THIS = "this"
    FOLLOWING = "following"


def update_task(
    task: Task, changes: Mapping[str, Any], expected_version: int, scope: Scope | str = Scope.FOLLOWING
) -> Task:
    """Save the fields named in `changes` on a task read with get_task; the others keep their values.

    The edit was made from `expected_version`: StaleEdit, carrying the stored task, if the task moved on since.
    A `list_id` or `label_ids` that is not the owner's is NotFound, and nothing changes. Completing a
    repeating task makes its next occurrence (recurring.add_next_occurrences).

    The next occurrence of a repeating task is made from it, so by default an edit changes this task
    and the following ones. With `scope` "this", the series goes on unchanged: its next occurrence is
    made now, from the task as it was, and the edit is this task's alone (a change to the rule itself
    is refused then: it is the series').
    """
    check_fields(changes, TASK_FIELDS)
    if task.version != expected_version:
        raise StaleEdit(task)
    recurrence = task.recurrence
    if "recurrence" in changes or "due_date" in changes:
        recurrence = checked_rule(changes.get("recurrence", task.recurrence), changes.get("due_date", task.due_date))
    if Scope(scope) is Scope.THIS and task.recurrence:
        _split_from_series(task, changes)
    if "list_id" in changes:
        task.task_list = get_list(task.owner, changes["list_id"])
    if "label_ids" in changes:
        task.labels = owned_labels(task.owner, changes["label_ids"])
    if "priority" in changes:
        task.priority = Priority(changes["priority"])
    if "title" in changes:
        task.title = changes["title"]
    if "description" in changes:
        task.description = changes["description"] or None
    if "due_date" in changes and changes["due_date"] != task.due_date:
        task.due_date = changes["due_date"]
        follow_due_date(task, clock.now())
    if "repeat_from_completion" in changes:
        task.repeat_from_completion = bool(changes["repeat_from_completion"])
    task.recurrence = recurrence
    if "status" in changes and _set_status(task, changes["status"]):
        add_next_occurrences([task])
    return _commit_edit(task)


def _split_from_series(task: Task, changes: Mapping[str, Any]) -> None:
    """Let the series go on without this task's edit: make its next occurrence now, from the task as it is."""
    rule = checked_rule(changes.get("recurrence", task.recurrence), task.due_date)
    from_completion = changes.get("repeat_from_completion", task.repeat_from_completion)
    if (rule, from_completion) != (task.recurrence, task.repeat_from_completion):
        raise InvalidRecurrence(
            "A change to how the task repeats applies to this and the following tasks.", field="scope"
        )
    if task.status is not TaskStatus.COMPLETED:
        add_next_occurrences([task])


def complete_task(owner: User, task_id: int) -> Task:
    """Complete the owner's task (and make its next occurrence if it repeats); completing a task that was
    completed elsewhere at the same moment is no error."""
    task = get_task(owner, task_id)
    if _set_status(task, TaskStatus.COMPLETED):
        add_next_occurrences([task])
    try:
        return _commit_edit(task)
    except StaleEdit as stale:
        if stale.current.status is TaskStatus.COMPLETED:
            return cast(Task, stale.current)
        raise


def _commit_edit(task: Task) -> Task:
    owner_id, task_id = task.owner_id, task.id  # read now: after a failed commit they would be reloaded
    try:
        return commit_versioned(task, reload=lambda: _live_task(owner_id, task_id))
    except IntegrityError:
        db.session.rollback()
        current = _live_task(owner_id, task_id)
        if next_occurrence(current) is None:
            raise
        raise StaleEdit(current) from None  # another transaction made the next occurrence of this task first


def _live_task(owner_id: int, task_id: int) -> Task:
    """The owner's live task with its list and labels (a task page shows them)."""
    task = None
    if is_storable_id(task_id):
        task = db.session.execute(
            select(Task)
            .where(Task.id == task_id, Task.owner_id == owner_id, Task.deleted_at.is_(None))
            .options(joinedload(Task.task_list), selectinload(Task.labels))
        ).scalar_one_or_none()
    if task is None:
        raise NotFound("Task not found")
    return task


def set_status_of_tasks(owner: User, task_ids: Iterable[int], status: TaskStatus | str) -> int:
    """Give the owner's live tasks among `task_ids` this status; returns how many changed.

    Ids of other people's tasks, trashed tasks or no task at all are skipped.
    """
    status = TaskStatus(status)
    task_ids = list(task_ids)
    completed_at = None
    if status is TaskStatus.COMPLETED:
        completed_at = func.coalesce(Task.completed_at, utcnow())
        add_next_occurrences(_repeating_to_complete(owner, task_ids))
    return _update_live(owner, task_ids, Task.status != status, status=status, completed_at=completed_at)


def _repeating_to_complete(owner: User, task_ids: list[int]) -> list[Task]:
    """The owner's open repeating tasks among `task_ids`, with their labels, locked until the transaction ends
    (on PostgreSQL and MariaDB; SQLite's write lock is already held) so that a concurrent completion waits,
    then finds them completed and makes no second next occurrence."""
    return list(
        db.session.scalars(
            select(Task)
            .where(
                Task.owner_id == owner.id,
                Task.id.in_(set(task_ids)),
                Task.deleted_at.is_(None),
                Task.status != TaskStatus.COMPLETED,
                Task.recurrence.is_not(None),
            )
            .options(selectinload(Task.labels))
            .with_for_update(of=Task)
        )
    )


def move_tasks_to_list(owner: User, task_ids: Iterable[int], list_id: int) -> int:
    """Move the owner's live tasks among `task_ids` into their list `list_id` (NotFound if it is not theirs)."""
    task_list = get_list(owner, list_id)
    return _update_live(owner, task_ids, Task.list_id != task_list.id, list_id=task_list.id)


def set_priority_of_tasks(owner: User, task_ids: Iterable[int], priority: Priority | int) -> int:
    """Give the owner's live tasks among `task_ids` this priority; returns how many changed."""
    priority = Priority(priority)
    return _update_live(owner, task_ids, Task.priority != priority, priority=priority)


def delete_task(owner: User, task_id: int) -> Task:
    """Move the owner's task to the trash."""
    task = get_task(owner, task_id)
    if not _update_live(owner, [task.id], deleted_at=utcnow()):
        raise NotFound("Task not found")  # trashed by another request in the meantime
    return task


def trash_tasks(owner: User, task_ids: Iterable[int]) -> list[int]:
    """Move the owner's live tasks among `task_ids` to the trash; returns the ids of those moved.

    Those ids are what an Undo restores: never a task that was in the trash already.
    """
    moving = list(
        db.session.scalars(
            select(Task.id).where(Task.owner_id == owner.id, Task.id.in_(set(task_ids)), Task.deleted_at.is_(None))
        )
    )
    if moving:
        _update(owner, moving, deleted_at=utcnow())
    return moving


def restore_tasks(owner: User, task_ids: Iterable[int]) -> int:
    """Take the owner's tasks among `task_ids` out of the trash; returns how many came back."""
    return _update(owner, task_ids, Task.deleted_at.is_not(None), deleted_at=None)


def list_trash(owner: User, page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> Page[Task]:
    """The owner's trashed tasks, most recently deleted first."""
    statement = (
        select(Task)
        .where(Task.owner_id == owner.id, Task.deleted_at.is_not(None))
        .order_by(Task.deleted_at.desc(), Task.id.desc())
    )
    return paginate(statement, page, per_page)


def delete_forever(owner: User, task_ids: Iterable[int]) -> int:
    """Delete for good the owner's trashed tasks among `task_ids`; live tasks are never touched."""
    return _change_rows(
        delete(Task).where(Task.owner_id == owner.id, Task.id.in_(set(task_ids)), Task.deleted_at.is_not(None))
    )


def purge_trash(deleted_before: datetime) -> int:
    """Delete for good every task, of anyone, that went to the trash before this moment."""
    return _change_rows(delete(Task).where(Task.deleted_at < deleted_before))


def _update_live(owner: User, task_ids: Iterable[int], *criteria: ColumnElement[bool], **values: object) -> int:
    return _update(owner, task_ids, Task.deleted_at.is_(None), *criteria, **values)


def _update(owner: User, task_ids: Iterable[int], *criteria: ColumnElement[bool], **values: object) -> int:
    """One UPDATE of the owner's tasks among `task_ids`, moving their version on like an edit would."""
    return _change_rows(
        update(Task)
        .where(Task.owner_id == owner.id, Task.id.in_(set(task_ids)), *criteria)
        .values(version=Task.version + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )


def _change_rows(statement: Executable) -> int:
    """Run one UPDATE or DELETE and commit it; how many rows it changed."""
    result = cast(CursorResult[Any], db.session.execute(statement))
    db.session.commit()
    return result.rowcount


def _new_task(
    owner: User,
    title: str,
    description: str | None,
    status: TaskStatus | str | None,
    due_date: date | None,
    task_list: TaskList,
    priority: Priority | int | None = None,
    recurrence: str | None = None,
    repeat_from_completion: bool | None = False,
) -> Task:
    task = Task(
        owner_id=owner.id,
        title=title,
        description=description or None,
        due_date=due_date,
        task_list=task_list,
        priority=Priority(priority or Priority.NONE),
        recurrence=checked_rule(recurrence, due_date),
        repeat_from_completion=bool(repeat_from_completion),
    )
    _set_status(task, status or TaskStatus.PENDING)
    return task


def _set_status(task: Task, status: TaskStatus | str) -> bool:
    """Give the task this status; whether that completed it (it was open)."""
    status = TaskStatus(status)
    completing = status is TaskStatus.COMPLETED and task.status is not TaskStatus.COMPLETED
    if completing:
        task.completed_at = utcnow()
    elif status is not TaskStatus.COMPLETED:
        task.completed_at = None
    task.status = status
    return completing
