"""What a task list is asked for: filters, sort and the SQL they become.

The names and values here are the public vocabulary of every task list
(pages, CSV export, the JSON API): `status` (one or several), `due`, `q`, `sort`.
"""

import enum
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple, Self

from sqlalchemy import ColumnElement, ColumnExpressionArgument, Select, case, func, select, true

from ..models import OPEN_STATUSES, Label, Priority, Task, TaskList, TaskStatus, User, task_assignees, task_labels
from .access import tasks_of_list, tasks_of_lists_where, tasks_of_member_lists
from .common import ordering, search
from .errors import N_, InvalidFilter


class Due(enum.StrEnum):
    ANY = "any"
    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"
    NONE = "none"

    @property
    def label(self) -> str:
        return DUE_LABELS[self]


# In English; pages show them in the person's language.
DUE_LABELS = {
    Due.ANY: N_("Any due date"),
    Due.OVERDUE: N_("Overdue"),
    Due.TODAY: N_("Due today"),
    Due.WEEK: N_("Due in the next 7 days"),
    Due.NONE: N_("No due date"),
}

# Workflow order, not alphabetical, when sorting by status.
STATUS_RANK = case({status: rank for rank, status in enumerate(TaskStatus)}, value=Task.status)

SORT_COLUMNS = {
    "due": Task.due_date,
    "created": Task.created_at,
    "updated": Task.updated_at,
    "title": func.lower(Task.title),
    "status": STATUS_RANK,
    "priority": Task.priority,
}
SORT_LABELS = {
    "due": N_("Due date"),
    "created": N_("Created"),
    "updated": N_("Updated"),
    "title": N_("Title"),
    "status": N_("Status"),
    "priority": N_("Priority"),
}
DEFAULT_SORT = "-created"
# The assignee filter's word for the person the list is for: assignee=me.
ME = "me"


class StatusSlice(NamedTuple):
    status: TaskStatus
    overdue: bool
    due: ColumnElement[bool]


def status_slices(today: date | ColumnElement[date]) -> list[StatusSlice]:
    """Slices of the live tasks by status, the open ones cut at today by due date: overdue, later, none.

    Every live task is in exactly one slice, the overdue slices hold exactly the
    overdue tasks (Task.is_overdue_on), and each slice is a single range of an index on
    (status, due_date).
    """
    slices = []
    for status in TaskStatus:
        if status in OPEN_STATUSES:
            slices += [
                StatusSlice(status, True, Task.due_date < today),
                StatusSlice(status, False, Task.due_date >= today),
                StatusSlice(status, False, Task.due_date.is_(None)),
            ]
        else:
            slices.append(StatusSlice(status, False, true()))
    return slices


@dataclass(frozen=True)
class TaskFilter:
    statuses: tuple[TaskStatus, ...] = ()
    due: Due = Due.ANY
    q: str = ""
    list_id: int | None = None
    label_ids: tuple[int, ...] = ()
    priorities: tuple[Priority, ...] = ()
    # A person's user id, or ME: the one the list is for.
    assignee: int | str | None = None

    @classmethod
    def of(
        cls,
        status: Iterable[str] | str | None = None,
        due: str | None = None,
        q: str | None = None,
        list_id: int | None = None,
        label: Iterable[int] | None = None,
        priority: Iterable[int] | None = None,
        assignee: str | int | None = None,
    ) -> Self:
        """A filter from plain values; an unknown status, due or priority value, or an assignee that is neither
        ME nor a user id, raises InvalidFilter."""
        if isinstance(status, str):
            status = [status]
        try:
            statuses = tuple(sorted({TaskStatus(value) for value in status or ()}, key=list(TaskStatus).index))
            priorities = tuple(sorted({Priority(int(value)) for value in priority or ()}))
            return cls(
                statuses=statuses,
                due=Due(due or Due.ANY),
                q=(q or "").strip(),
                list_id=list_id,
                label_ids=tuple(sorted(set(label or ()))),
                priorities=priorities,
                assignee=_person(assignee),
            )
        except ValueError as error:
            raise InvalidFilter(str(error)) from None

    @property
    def is_active(self) -> bool:
        """Whether anything narrows the list further than the list it is (list_id) already."""
        return bool(
            self.statuses or self.due is not Due.ANY or self.q or self.label_ids or self.priorities or self.assignee
        )

    def criteria(self, owner: User, today: date) -> list[ColumnExpressionArgument[bool]]:
        conditions: list[ColumnExpressionArgument[bool]] = []
        # Tasks carrying every one of the labels; a label of someone else's matches nothing.
        for label_id in self.label_ids:
            conditions.append(
                Task.id.in_(
                    select(task_labels.c.task_id)
                    .join(Label, Label.id == task_labels.c.label_id)
                    .where(task_labels.c.label_id == label_id, Label.owner_id == owner.id)
                )
            )
        if self.priorities:
            conditions.append(Task.priority.in_(self.priorities))
        if self.assignee:
            person = owner.id if self.assignee == ME else self.assignee
            conditions.append(Task.id.in_(select(task_assignees.c.task_id).where(task_assignees.c.user_id == person)))
        if self.statuses:
            conditions.append(Task.status.in_(self.statuses))
        if self.due is Due.OVERDUE:
            conditions.append(Task.is_overdue_on(today))
        elif self.due is Due.TODAY:
            conditions.append(Task.due_date == today)
        elif self.due is Due.WEEK:
            conditions.append(Task.due_date.between(today, today + timedelta(days=6)))
        elif self.due is Due.NONE:
            conditions.append(Task.due_date.is_(None))
        if self.q:
            conditions.append(search((Task.title, Task.description), self.q))
        return conditions


def _person(assignee: str | int | None) -> int | str | None:
    """ME, a user id, or None (anyone) from a filter's value; ValueError for anything else."""
    if assignee is None or assignee == "":
        return None
    return ME if assignee == ME else int(assignee)


def live_tasks(user: User, list_id: int | None = None, member_of: Collection[TaskList] | None = None) -> Select[Task]:
    """The tasks not in the trash of the lists the user sees (`member_of`, when read already: see
    access.tasks_of_member_lists), or of the one list `list_id` if they see it."""
    if list_id is not None:
        seen = tasks_of_list(user, list_id)
    elif member_of is not None:
        seen = tasks_of_member_lists(member_of)
    else:
        seen = tasks_of_lists_where(user)
    return select(Task).where(*seen, Task.deleted_at.is_(None))


def filtered_tasks(
    user: User, task_filter: TaskFilter, sort: str, today: date, member_of: Collection[TaskList] | None = None
) -> Select[Task]:
    """The live tasks the user sees matching the filter, in the order asked for."""
    return (
        live_tasks(user, task_filter.list_id, member_of)
        .where(*task_filter.criteria(user, today))
        .order_by(*ordering(sort, SORT_COLUMNS, Task.id, nulls_last={"due"}, null_fixed=[Task.deleted_at]))
    )
