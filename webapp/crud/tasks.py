"""Tasks: the to-dos people keep, with optimistic locking on edits and a trash."""

import enum
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    CursorResult,
    Date,
    Executable,
    Select,
    bindparam,
    case,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from .. import clock
from ..extensions import db
from ..models import EventKind, ListMember, ListRole, Priority, Task, TaskList, TaskStatus, User, name_key, utcnow
from .access import (
    EDIT,
    VIEW,
    check_role,
    lists_where,
    member_list_values,
    require,
    tasks_of_list,
    tasks_of_lists_where,
    tasks_of_named_lists,
)
from .assignees import assignee_ids, load_assignees, set_assignees, unassign_outside
from .common import DEFAULT_PER_PAGE, Page, check_fields, commit_versioned, is_storable_id, paginate
from .errors import InvalidRecurrence, NotFound, StaleEdit
from .history import list_name_of_task, record, record_changes, record_each, snapshot
from .labels import labels_named, load_labels, owned_labels
from .recurring import add_next_occurrences, checked_rule, next_occurrence
from .reminder_times import follow_due_date
from .submissions import commit_created
from .task_lists import find_list, get_list, list_or_inbox, new_list
from .task_query import DEFAULT_SORT, StatusSlice, TaskFilter, filtered_tasks, status_slices

EXPORT_BATCH = 500
# Writes the history of a change to many tasks, given the ids of those about to change (see history.record_each).
RecordEach = Callable[[list[int]], None]


def create_task(
    author: User,
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
    assignees: Iterable[int] = (),
) -> Task:
    """Create a task in the list `list_id` (the author's Inbox if None) with the author's labels `label_ids`,
    assigned to the members of the list with the user ids `assignees` (NotAMember for anyone else).

    A list the author cannot see, or a label that is not theirs, is NotFound, a list they may only view
    is ReadOnly, and nothing is created; `form_token` makes the form that sent it single-use (see submissions).
    A task that repeats (`recurrence`, an RRULE; see webapp.recurrence) needs a due date, and a rule that
    repeats at all: InvalidRecurrence otherwise.
    """
    task = _new_task(
        title,
        description,
        status,
        due_date,
        list_or_inbox(author, list_id),
        priority,
        recurrence,
        repeat_from_completion,
    )
    task.labels = owned_labels(author, label_ids)
    db.session.add(task)
    record(task, author, EventKind.CREATED)
    if assignees:
        db.session.flush()  # the id the assignees are stored under
        set_assignees(author, task, assignees)
    commit_created(author, task, form_token)
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
    and labels that do not exist yet are created, and named in the summary. A list name means a list
    the person may edit, their own first; a name none of those has becomes a new list of theirs.
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
        task = _new_task(task_list=task_list, **{k: v for k, v in row.items() if k != "labels"})
        task.labels = [labels_by_key[key] for key in _distinct(row.get("labels") or ()) if key]
        tasks.append(task)
    db.session.add_all(tasks)
    for task in tasks:
        record(task, owner, EventKind.CREATED)
    db.session.commit()
    return ImportSummary(imported=len(tasks), new_lists=new_lists, new_labels=new_labels)


def _distinct(names: Iterable[str]) -> dict[str, str]:
    """Each distinct name (letter case aside) once: its key, and the name as first written."""
    distinct: dict[str, str] = {}
    for name in names:
        distinct.setdefault(name_key(name), name.strip())
    return distinct


def _list_named(owner: User, name: str, new_lists: list[str]) -> TaskList:
    """The list of this name the owner may edit (the Inbox when empty), created as theirs when missing."""
    if not name:
        return list_or_inbox(owner, None)
    found = find_list(owner, name)
    if found is None:
        found = new_list(owner, name)
        db.session.add(found)
        new_lists.append(name)
    return found


def get_task(user: User, task_id: int, needed: ListRole = VIEW) -> Task:
    """A task of a list the user sees, with its list and labels, when their role there allows `needed`.

    A task of a list they cannot see is NotFound, and so is a task in the trash, as everywhere outside
    the trash; a task they see but may not change is ReadOnly when `needed` asks for more than viewing.
    """
    task, role = _live_task(user, task_id)
    check_role(role, needed, "Task not found")
    return task


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
    assignee: str | int | None = None,
    member_of: Collection[TaskList] | None = None,
) -> Page[Task]:
    """A page of the live tasks the user sees matching the filters (see task_query), with their labels: the
    count, the rows, then the labels of those rows.

    `list_id` narrows it to one list (one the user is no member of has no tasks
    for them). Given the `counts` (count_tasks) of the same user and list, as the
    list pages have them, an unfiltered list takes its total from them rather
    than counting the same tasks again. Given the lists the user is a member of,
    as the pages have read them (`member_of`), the database can read the rows of
    all of them in an index's order (see access.tasks_of_member_lists).
    """
    task_filter = TaskFilter.of(status, due, q, list_id, label, priority, assignee)
    statement = filtered_tasks(owner, task_filter, sort, today or owner.today(), member_of)
    total = counts.total if counts is not None and not task_filter.is_active else None
    result = paginate(statement, page, per_page, skip, total)
    load_labels(result.items)
    load_assignees(result.items)
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
    assignee: str | int | None = None,
) -> Iterator[Task]:
    """Every live task matching the filters, in list order, with its list and labels, in batches to keep memory
    flat."""
    task_filter = TaskFilter.of(status, due, q, list_id, label, priority, assignee)
    statement = filtered_tasks(owner, task_filter, sort, today or owner.today()).options(
        joinedload(Task.task_list), selectinload(Task.labels)
    )
    yield from db.session.scalars(statement.execution_options(yield_per=EXPORT_BATCH))


class CountScope(enum.Enum):
    """Which tasks count_tasks counts: of every list the user sees, read by subqueries or as values
    (access.tasks_of_member_lists), or of one list."""

    LISTS_SEEN = "lists seen"
    MEMBER_LISTS = "member lists"
    ONE_LIST = "one list"


@cache
def counts_statement(scope: CountScope) -> tuple[list[StatusSlice], Select[*tuple[int, ...]]]:
    """The status slices, and one statement counting each of them and the trash, for the parameters of the
    scope (user_id; owner_ids and list_ids; list_id) and today.

    Each count is a range of the (owner_id, deleted_at, status, due_date) index per account the
    counted lists are stored under, which the database counts without reading a row or grouping any.
    Built once, with parameters: composing these eight counts took longer than running them, on a
    page everyone loads.
    """
    slices = status_slices(bindparam("today", type_=Date))
    user_id: BindParameter[int] = bindparam("user_id")
    if scope is CountScope.ONE_LIST:
        criteria = tasks_of_list(user_id, bindparam("list_id"))
    elif scope is CountScope.MEMBER_LISTS:
        criteria = tasks_of_named_lists(bindparam("owner_ids", expanding=True), bindparam("list_ids", expanding=True))
    else:
        criteria = tasks_of_lists_where(user_id)
    seen = select(func.count()).where(*criteria)
    live = seen.where(Task.deleted_at.is_(None))
    counts = [live.where(Task.status == part.status, part.due) for part in slices]
    counts.append(seen.where(Task.deleted_at.is_not(None)))
    return slices, select(*(count.scalar_subquery() for count in counts))


def count_tasks(
    user: User,
    today: date | None = None,
    list_id: int | None = None,
    member_of: Collection[TaskList] | None = None,
) -> TaskCounts:
    """Live tasks per status (each counted once, see status_slices), how many are overdue, and how many
    are in the trash, in one statement: of the lists the user sees (`member_of`, when read already: see
    access.tasks_of_member_lists), or of the one list `list_id`."""
    parameters: dict[str, Any] = {"user_id": user.id, "today": today or user.today(), "list_id": list_id}
    if list_id is not None:
        scope = CountScope.ONE_LIST
    elif member_of is not None:
        scope = CountScope.MEMBER_LISTS
        parameters |= member_list_values(member_of)
    else:
        scope = CountScope.LISTS_SEEN
    slices, statement = counts_statement(scope)
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
        "assignees",
    }
)


class Scope(enum.StrEnum):
    """What an edit of a repeating task changes."""

    THIS = "this"
    FOLLOWING = "following"


def update_task(
    editor: User,
    task: Task,
    changes: Mapping[str, Any],
    expected_version: int,
    scope: Scope | str = Scope.FOLLOWING,
) -> Task:
    """Save the fields named in `changes` on a task read with get_task; the others keep their values.

    The editor must be allowed to change tasks in the task's list, and in the list it moves to (ReadOnly,
    or NotFound for a list they cannot see). The edit was made from `expected_version`: StaleEdit,
    carrying the stored task, if the task moved on since. `label_ids` are the editor's own labels on the
    task (NotFound if any is not theirs); labels other members put on it stay. `assignees` are all its
    assignees from now on (see assignees.set_assignees); a task that moves keeps those who are members of
    its new list. Completing a repeating task makes its next occurrence (recurring.add_next_occurrences).

    The next occurrence of a repeating task is made from it, so by default an edit changes this task
    and the following ones. With `scope` "this", the series goes on unchanged: its next occurrence is
    made now, from the task as it was, and the edit is this task's alone (a change to the rule itself
    is refused then: it is the series').
    """
    check_fields(changes, TASK_FIELDS)
    require(editor, task.list_id, EDIT, "Task not found")
    if task.version != expected_version:
        raise StaleEdit(task)
    before = snapshot(task, changes)
    recurrence = task.recurrence
    if "recurrence" in changes or "due_date" in changes:
        recurrence = checked_rule(changes.get("recurrence", task.recurrence), changes.get("due_date", task.due_date))
    if Scope(scope) is Scope.THIS and task.recurrence:
        _split_from_series(editor, task, changes)
    if "list_id" in changes or "assignees" in changes:
        _lock_for_edit(editor, task, expected_version)
        previous = assignee_ids(task)
        if "list_id" in changes:
            _move(task, get_list(editor, changes["list_id"], EDIT))
        if set_assignees(editor, task, changes.get("assignees", previous), previous):
            task.updated_at = utcnow()  # an UPDATE of the task, whose version moves on: a concurrent edit is stale
    if "label_ids" in changes:
        others = [label for label in task.labels if label.owner_id != editor.id]
        mine = owned_labels(editor, changes["label_ids"])
        task.labels = sorted(others + mine, key=lambda label: label.name_key)
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
        add_next_occurrences(editor, [task])
    record_changes(task, editor, before)
    return _commit_edit(editor, task)


def _lock_for_edit(editor: User, task: Task, expected_version: int) -> None:
    """Take the task's row lock, and check its version under it, before writing the rows that point at it.

    Writing those first (assignees, notifications) would make two concurrent edits each hold a shared lock
    on the task's row, taken by the foreign keys, and then each wait for the other's to update it: a
    deadlock on MariaDB. With the task locked first, the second edit waits, then finds itself stale.
    """
    stored = db.session.scalar(select(Task.version).where(Task.id == task.id).with_for_update())
    if stored != expected_version:
        db.session.rollback()
        raise StaleEdit(get_task(editor, task.id))


def _move(task: Task, task_list: TaskList) -> None:
    """Put the task in the list, stored under the account the list is (so it leaves with the list)."""
    task.task_list = task_list
    task.list_id, task.owner_id = task_list.id, task_list.owner_id


def _split_from_series(editor: User, task: Task, changes: Mapping[str, Any]) -> None:
    """Let the series go on without this task's edit: make its next occurrence now, from the task as it is."""
    rule = checked_rule(changes.get("recurrence", task.recurrence), task.due_date)
    from_completion = changes.get("repeat_from_completion", task.repeat_from_completion)
    if (rule, from_completion) != (task.recurrence, task.repeat_from_completion):
        raise InvalidRecurrence(
            "A change to how the task repeats applies to this and the following tasks.", field="scope"
        )
    if task.status is not TaskStatus.COMPLETED:
        add_next_occurrences(editor, [task])


def complete_task(user: User, task_id: int) -> Task:
    """Complete a task the user may change (and make its next occurrence if it repeats); completing a task
    that was completed elsewhere at the same moment, by them or another member, is no error."""
    task = get_task(user, task_id, EDIT)
    before = task.status.value
    if _set_status(task, TaskStatus.COMPLETED):
        add_next_occurrences(user, [task])
        record(task, user, EventKind.COMPLETED, "status", before, TaskStatus.COMPLETED.value)
    try:
        return _commit_edit(user, task)
    except StaleEdit as stale:
        if stale.current.status is TaskStatus.COMPLETED:
            return cast(Task, stale.current)
        raise


def _commit_edit(user: User, task: Task) -> Task:
    task_id = task.id  # read now: after a failed commit it would be reloaded
    try:
        return commit_versioned(task, reload=lambda: get_task(user, task_id))
    except IntegrityError:
        db.session.rollback()
        current = get_task(user, task_id)
        if next_occurrence(current) is None:
            raise
        raise StaleEdit(current) from None  # another transaction made the next occurrence of this task first


@cache
def _live_task_statement() -> Select[Task, ListRole]:
    # Built once, with parameters: every task page and every change of a task runs it. The labels come
    # joined (a task has few): a second statement for them cost more than the task's own.
    return (
        select(Task, ListMember.role)
        .join(ListMember, (ListMember.list_id == Task.list_id) & (ListMember.user_id == bindparam("user_id")))
        .where(Task.id == bindparam("task_id"), Task.deleted_at.is_(None))
        .options(joinedload(Task.task_list), joinedload(Task.labels))
    )


def _live_task(user: User, task_id: int) -> tuple[Task, ListRole | None]:
    """The live task with its list and labels, and the user's role in its list (None: not a member)."""
    found = None
    if is_storable_id(task_id):
        found = (
            db.session.execute(_live_task_statement(), {"user_id": user.id, "task_id": task_id}).unique().one_or_none()
        )
    if found is None:
        raise NotFound("Task not found")
    task, role = found
    return task, role


def set_status_of_tasks(user: User, task_ids: Iterable[int], status: TaskStatus | str) -> int:
    """Give the live tasks among `task_ids` that the user may change this status; returns how many changed.

    Ids of tasks the user may not change, trashed tasks or no task at all are skipped.
    """
    status = TaskStatus(status)
    task_ids = list(task_ids)
    completed_at = None
    kind: EventKind | ColumnElement[str] = EventKind.COMPLETED
    if status is TaskStatus.COMPLETED:
        completed_at = func.coalesce(Task.completed_at, utcnow())
        add_next_occurrences(user, _repeating_to_complete(user, task_ids))
    else:
        kind = case((Task.status == TaskStatus.COMPLETED, EventKind.REOPENED.value), else_=EventKind.CHANGED.value)

    def event(ids: list[int]) -> None:
        record_each(ids, user, kind, "status", Task.status, status.value)

    changed = _update_live(user, task_ids, event, Task.status != status, status=status, completed_at=completed_at)
    return len(changed)


def _repeating_to_complete(user: User, task_ids: list[int]) -> list[Task]:
    """The open repeating tasks among `task_ids` that the user may change, with their labels, locked until the
    transaction ends (on PostgreSQL and MariaDB; SQLite's write lock is already held) so that a concurrent
    completion waits, then finds them completed and makes no second next occurrence."""
    return list(
        db.session.scalars(
            select(Task)
            .where(
                *tasks_of_lists_where(user, EDIT),
                Task.id.in_(set(task_ids)),
                Task.deleted_at.is_(None),
                Task.status != TaskStatus.COMPLETED,
                Task.recurrence.is_not(None),
            )
            .options(selectinload(Task.labels))
            .with_for_update(of=Task)
        )
    )


def move_tasks_to_list(user: User, task_ids: Iterable[int], list_id: int) -> int:
    """Move the live tasks among `task_ids` the user may change into the list `list_id`, which they must be
    allowed to change too (NotFound if they cannot see it, ReadOnly if they only view it); they keep the
    assignees who are members there."""
    task_list = get_list(user, list_id, EDIT)
    moving = select(Task.id).where(
        *tasks_of_lists_where(user, EDIT),
        Task.id.in_(set(task_ids)),
        Task.deleted_at.is_(None),
        Task.list_id != task_list.id,
    )
    unassign_outside(moving, task_list.id, user)

    def event(ids: list[int]) -> None:
        record_each(ids, user, EventKind.MOVED, "list", list_name_of_task(), task_list.name)

    moved = _update_live(
        user, task_ids, event, Task.list_id != task_list.id, list_id=task_list.id, owner_id=task_list.owner_id
    )
    return len(moved)


def set_priority_of_tasks(user: User, task_ids: Iterable[int], priority: Priority | int) -> int:
    """Give the live tasks among `task_ids` the user may change this priority; returns how many changed."""
    priority = Priority(priority)

    def event(ids: list[int]) -> None:
        record_each(ids, user, EventKind.CHANGED, "priority", Task.priority, str(int(priority)))

    return len(_update_live(user, task_ids, event, Task.priority != priority, priority=priority))


def read_only_among(user: User, task_ids: Iterable[int]) -> int:
    """How many of these tasks the user sees but may not change: what a bulk action left alone for that reason."""
    editable = lists_where(user, EDIT)
    statement = select(func.count()).where(
        Task.id.in_(set(task_ids)), *tasks_of_lists_where(user), Task.list_id.not_in(editable)
    )
    return db.session.scalar(statement) or 0


def delete_task(user: User, task_id: int) -> Task:
    """Move a task the user may change to the trash."""
    task = get_task(user, task_id, EDIT)
    if not _update_live(user, [task.id], _trash_event(user), deleted_at=utcnow()):
        raise NotFound("Task not found")  # trashed by another request in the meantime
    return task


def trash_tasks(user: User, task_ids: Iterable[int]) -> list[int]:
    """Move the live tasks among `task_ids` that the user may change to the trash; returns the ids of those moved.

    Those ids are what an Undo restores: never a task that was in the trash already.
    """
    return _update_live(user, task_ids, _trash_event(user), deleted_at=utcnow())


def _trash_event(user: User) -> RecordEach:
    return lambda ids: record_each(ids, user, EventKind.DELETED)


def restore_tasks(user: User, task_ids: Iterable[int]) -> int:
    """Take the tasks among `task_ids` that the user may change out of the trash; returns how many came back."""

    def event(ids: list[int]) -> None:
        record_each(ids, user, EventKind.RESTORED)

    return len(_update(user, task_ids, event, Task.deleted_at.is_not(None), deleted_at=None))


def list_trash(user: User, page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> Page[Task]:
    """The trashed tasks of the lists where the user may change tasks, most recently deleted first."""
    statement = (
        select(Task)
        .where(*tasks_of_lists_where(user, EDIT), Task.deleted_at.is_not(None))
        .order_by(Task.deleted_at.desc(), Task.id.desc())
    )
    return paginate(statement, page, per_page)


def delete_forever(user: User, task_ids: Iterable[int]) -> int:
    """Delete for good the trashed tasks among `task_ids` that the user may change; live tasks are never touched."""
    return _change_rows(
        delete(Task).where(*tasks_of_lists_where(user, EDIT), Task.id.in_(set(task_ids)), Task.deleted_at.is_not(None))
    )


def purge_trash(deleted_before: datetime) -> int:
    """Delete for good every task, of anyone, that went to the trash before this moment."""
    return _change_rows(delete(Task).where(Task.deleted_at < deleted_before))


def _update_live(
    user: User, task_ids: Iterable[int], event: RecordEach, *criteria: ColumnElement[bool], **values: object
) -> list[int]:
    return _update(user, task_ids, event, Task.deleted_at.is_(None), *criteria, **values)


def _update(
    user: User, task_ids: Iterable[int], event: RecordEach, *criteria: ColumnElement[bool], **values: object
) -> list[int]:
    """Change the tasks among `task_ids` that the user may change and that meet the criteria, moving their version
    on like an edit would, and record the `event` of each; returns the ids of those changed.

    The ids are read with a lock: on MariaDB a plain read sees the transaction's first snapshot, so a change
    another transaction committed meanwhile would be counted as ours."""
    changing = list(
        db.session.scalars(
            select(Task.id)
            .where(*tasks_of_lists_where(user, EDIT), Task.id.in_(set(task_ids)), *criteria)
            .with_for_update(of=Task)
        )
    )
    if changing:
        event(changing)
        db.session.execute(
            update(Task)
            .where(Task.id.in_(changing), *criteria)
            .values(version=Task.version + 1, updated_at=utcnow(), **values)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
    return changing


def _change_rows(statement: Executable) -> int:
    """Run one UPDATE or DELETE and commit it; how many rows it changed."""
    result = cast(CursorResult[Any], db.session.execute(statement))
    db.session.commit()
    return result.rowcount


def _new_task(
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
        owner_id=task_list.owner_id,
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
