"""Reminders of tasks and the daily digest: what each person chose, kept as UTC instants to fire at."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm.attributes import set_committed_value

from .. import clock
from ..extensions import db
from ..models import OPEN_STATUSES, Reminder, Task, User
from .errors import N_, InvalidReminder, NotFound
from .reminder_times import next_digest_at, relative_fire_at, utc_instant
from .tasks import get_task

# Both are named in the messages below, which are translated whole.
MAX_REMINDERS = 10
DAYS_BEFORE_MAX = 365
DIGEST_TASKS_SHOWN = 10


def load_reminders(tasks: Sequence[Task]) -> None:
    """Give each of these tasks its reminders (`task.reminders`), in one statement for all of them."""
    by_task: dict[int, list[Reminder]] = {task.id: [] for task in tasks}
    if by_task:
        for reminder in db.session.scalars(select(Reminder).where(Reminder.task_id.in_(by_task)).order_by(Reminder.id)):
            by_task[reminder.task_id].append(reminder)
    for task in tasks:
        set_committed_value(task, "reminders", by_task[task.id])


def add_reminder(
    owner: User,
    task_id: int,
    remind_at: datetime | None = None,
    days_before: int | None = None,
    at_time: time | None = None,
) -> Reminder:
    """A reminder of the owner's task: at `remind_at` (a wall-clock time in the owner's zone, or an aware
    instant), or `days_before` days before the due date at `at_time` (0: on the due date)."""
    task = get_task(owner, task_id)
    if db.session.execute(select(func.count()).where(Reminder.task_id == task.id)).scalar_one() >= MAX_REMINDERS:
        message = N_("A task keeps at most 10 reminders; delete one first.")
        raise InvalidReminder(message, "remind_at" if remind_at is not None else "days_before")
    if remind_at is not None:
        reminder = _at_instant(remind_at, owner)
    else:
        reminder = _before_due(task, days_before, at_time, owner)
    reminder.task_id = task.id
    db.session.add(reminder)
    db.session.commit()
    return reminder


def _at_instant(remind_at: datetime, owner: User) -> Reminder:
    fire_at = utc_instant(remind_at, owner.zone)
    if fire_at <= utc_instant(clock.now(), UTC):
        raise InvalidReminder(N_("That time has passed already; choose one still to come."), "remind_at")
    return Reminder(remind_at=fire_at, fire_at=fire_at)


def _before_due(task: Task, days_before: int | None, at_time: time | None, owner: User) -> Reminder:
    if days_before is None or not 0 <= days_before <= DAYS_BEFORE_MAX:
        raise InvalidReminder(N_("Choose 0 (on the due date) to 365 days before."), "days_before")
    if at_time is None:
        raise InvalidReminder(N_("Choose the time of day, e.g. 09:00."), "at_time")
    if task.due_date is None:
        raise InvalidReminder(N_("This task has no due date yet: give it one first."), "days_before")
    fire_at = relative_fire_at(task.due_date, days_before, at_time, owner.zone)
    return Reminder(days_before=days_before, at_time=at_time.replace(second=0, microsecond=0), fire_at=fire_at)


def delete_reminder(owner: User, task_id: int, reminder_id: int) -> None:
    task = get_task(owner, task_id)
    deleted = db.session.execute(delete(Reminder).where(Reminder.id == reminder_id, Reminder.task_id == task.id))
    db.session.commit()
    if not deleted.rowcount:  # type: ignore[attr-defined]
        raise NotFound("Reminder not found")


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
