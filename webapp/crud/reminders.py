"""Reminders of tasks and the daily digest: what each person chose, kept as UTC instants to fire at."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache

from sqlalchemy import Select, bindparam, case, delete, func, select

from .. import clock
from ..extensions import db
from ..models import OPEN_STATUSES, Reminder, Task, User
from .access import tasks_of_lists_where
from .common import give_tasks
from .errors import N_, InvalidReminder, NotFound
from .reminder_times import next_digest_at, relative_fire_at, utc_instant
from .tasks import get_task

# Both are named in the messages below, which are translated whole.
MAX_REMINDERS = 10
DAYS_BEFORE_MAX = 365
DIGEST_TASKS_SHOWN = 10


def load_reminders(tasks: Sequence[Task], reader: User) -> None:
    """Give each of these tasks the reader's own reminders (`task.reminders`), in one statement for all of
    them: a reminder is its person's alone."""
    give_tasks(tasks, "reminders", _reminders_of_tasks(), reader_id=reader.id)


@cache
def _reminders_of_tasks() -> Select[int, Reminder]:
    return (
        select(Reminder.task_id, Reminder)
        .where(Reminder.task_id.in_(bindparam("task_ids", expanding=True)), Reminder.user_id == bindparam("reader_id"))
        .order_by(Reminder.id)
    )


def add_reminder(
    user: User,
    task_id: int,
    remind_at: datetime | None = None,
    days_before: int | None = None,
    at_time: time | None = None,
) -> Reminder:
    """The user's own reminder of a task they see (whatever their role): at `remind_at` (a wall-clock time
    in their zone, or an aware instant), or `days_before` days before the due date at `at_time` (0: on the
    due date), in their zone."""
    task = get_task(user, task_id)
    theirs = (Reminder.task_id == task.id) & (Reminder.user_id == user.id)
    if db.session.execute(select(func.count()).where(theirs)).scalar_one() >= MAX_REMINDERS:
        message = N_("You keep at most 10 reminders on a task; delete one first.")
        raise InvalidReminder(message, "remind_at" if remind_at is not None else "days_before")
    reminder = _at_instant(remind_at, user) if remind_at is not None else _before_due(task, days_before, at_time, user)
    reminder.task_id, reminder.user_id = task.id, user.id
    db.session.add(reminder)
    db.session.commit()
    return reminder


def _at_instant(remind_at: datetime, user: User) -> Reminder:
    fire_at = utc_instant(remind_at, user.zone)
    if fire_at <= utc_instant(clock.now(), UTC):
        raise InvalidReminder(N_("That time has passed already; choose one still to come."), "remind_at")
    return Reminder(remind_at=fire_at, fire_at=fire_at)


def _before_due(task: Task, days_before: int | None, at_time: time | None, user: User) -> Reminder:
    if days_before is None or not 0 <= days_before <= DAYS_BEFORE_MAX:
        raise InvalidReminder(N_("Choose 0 (on the due date) to 365 days before."), "days_before")
    if at_time is None:
        raise InvalidReminder(N_("Choose the time of day, e.g. 09:00."), "at_time")
    if task.due_date is None:
        raise InvalidReminder(N_("This task has no due date yet: give it one first."), "days_before")
    fire_at = relative_fire_at(task.due_date, days_before, at_time, user.zone)
    return Reminder(days_before=days_before, at_time=at_time.replace(second=0, microsecond=0), fire_at=fire_at)


def delete_reminder(user: User, task_id: int, reminder_id: int) -> None:
    """Delete one of the user's own reminders of a task they see; anyone else's is NotFound, as if absent."""
    task = get_task(user, task_id)
    deleted = db.session.execute(
        delete(Reminder).where(Reminder.id == reminder_id, Reminder.task_id == task.id, Reminder.user_id == user.id)
    )
    db.session.commit()
    if not deleted.rowcount:  # type: ignore[attr-defined]
        raise NotFound("Reminder not found")


def reminder_deliveries(reminder_ids: Sequence[int]) -> dict[int, tuple[Task, User]]:
    """The task and person of each of these reminders whose person may still see its task, by the one
    access rule, in one statement for all of them: someone who left the list is reminded of nothing."""
    if not reminder_ids:
        return {}
    rows = db.session.execute(
        select(Reminder.id, Task, User)
        .join(Task, Reminder.task_id == Task.id)
        .join(User, Reminder.user_id == User.id)
        .where(Reminder.id.in_(reminder_ids), *tasks_of_lists_where(Reminder.user_id))
    )
    return {reminder_id: (task, person) for reminder_id, task, person in rows}


def set_digest_time(user: User, digest_time: time | None) -> User:
    """The daily digest at this local time (None: no digest)."""
    user.digest_time = digest_time.replace(second=0, microsecond=0) if digest_time else None
    user.digest_due_at = next_digest_at(user.digest_time, user.zone, clock.now())
    db.session.commit()
    return user


@dataclass(frozen=True)
class Digest:
    """A person's day: the first few open tasks due today or before (soonest first), and the counts."""

    tasks: list[Task]
    due_today: int
    overdue: int


def digest_of(user: User, today: date) -> Digest:
    due = (
        (Task.owner_id == user.id)
        & Task.deleted_at.is_(None)
        & Task.status.in_(OPEN_STATUSES)
        & (Task.due_date <= today)
    )
    total, overdue = db.session.execute(
        select(func.count(), func.sum(case((Task.due_date < today, 1), else_=0))).where(due)
    ).one()
    shown = db.session.scalars(select(Task).where(due).order_by(Task.due_date, Task.id).limit(DIGEST_TASKS_SHOWN))
    return Digest(tasks=list(shown), due_today=total - int(overdue or 0), overdue=int(overdue or 0))
