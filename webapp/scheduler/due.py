"""Reminders and digests whose time has come: each batch claimed, turned into notifications, marked sent."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from .. import crud
from ..extensions import db
from ..formatting import show_date
from ..models import Reminder, Task, TaskStatus, User
from .tally import Tally

REMINDER_BATCH = 100
DIGEST_BATCH = 50
# Sent this long after its time, a reminder is marked late: no scheduler was running when it was due.
LATE_AFTER = timedelta(minutes=2)


def naive_utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


def send_due_reminders(now: datetime, tally: Tally) -> int:
    """Send one batch of due reminders, oldest first; how many were claimed."""
    moment = naive_utc(now)
    claimed = (
        db.session.execute(
            select(Reminder)
            .where(Reminder.sent_at.is_(None), Reminder.fire_at <= moment)
            .order_by(Reminder.fire_at, Reminder.id)
            .limit(REMINDER_BATCH)
            .with_for_update(skip_locked=True)
        )
        .scalars()
        .all()
    )
    deliveries = crud.reminder_deliveries([reminder.id for reminder in claimed])
    notices: list[tuple[User, str, Task | None, str]] = []
    for reminder in claimed:
        assert reminder.fire_at is not None  # the query asked for it
        reminder.sent_at = moment
        reminder.late = moment - reminder.fire_at > LATE_AFTER
        tally.waited(moment - reminder.fire_at)
        if reminder.id not in deliveries:
            continue  # its person no longer sees the task (the list was left, or the task moved)
        task, person = deliveries[reminder.id]
        if task.status is TaskStatus.COMPLETED or task.deleted_at is not None:
            continue  # nothing left to remind of
        notices.append((person, "reminder", task, reminder_text(task, reminder, person)))
        tally.reminders += 1
        tally.late += reminder.late
    crud.notify_all(notices)
    db.session.commit()
    return len(claimed)


def reminder_text(task: Task, reminder: Reminder, person: User) -> str:
    due = f", due {show_date(task.due_date)}" if task.due_date else ""
    text = f"Reminder: {task.title}{due}"
    if reminder.late and reminder.fire_at is not None:
        text += f" (sent late: it was set for {show_date(reminder.fire_at, with_time=True, zone=person.zone)})"
    return text


def send_due_digests(now: datetime, tally: Tally) -> int:
    """Send one batch of due daily digests; how many were claimed. After an outage each person gets one
    digest, marked late, and the next comes at their usual time."""
    moment = naive_utc(now)
    claimed = (
        db.session.execute(
            select(User)
            .where(User.digest_due_at <= moment)
            .order_by(User.digest_due_at, User.id)
            .limit(DIGEST_BATCH)
            .with_for_update(skip_locked=True)
        )
        .scalars()
        .all()
    )
    for user in claimed:
        assert user.digest_due_at is not None  # the query asked for it
        late = moment - user.digest_due_at > LATE_AFTER
        tally.waited(moment - user.digest_due_at)
        digest = crud.digest_of(user, now.astimezone(user.zone).date())
        if digest.tasks:
            crud.notify(user, "digest", None, digest_text(digest, late))
            tally.digests += 1
        user.digest_due_at = crud.next_digest_at(user.digest_time, user.zone, now)
    db.session.commit()
    return len(claimed)


def digest_text(digest: crud.Digest, late: bool) -> str:
    """e.g. "Your day: 2 due today, 1 overdue: Pay rent, Call mum, Water plants"."""
    titles = ", ".join(task.title for task in digest.tasks)
    more = digest.due_today + digest.overdue - len(digest.tasks)
    return (
        f"Your day{' (sent late)' if late else ''}: {digest.due_today} due today, {digest.overdue} overdue: "
        f"{titles}{f' and {more} more' if more else ''}"
    )
