"""When reminders and digests go off: wall-clock times in a person's zone, as the UTC instants stored.

A local time that a daylight-saving change skips is moved forward by the gap, one that happens twice
is its first occurrence (zoneinfo's fold=0), so every choice gives exactly one instant.
"""

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import select

from ..extensions import db
from ..models import Reminder, Task, User


def utc_instant(local: datetime, zone: tzinfo) -> datetime:
    """A naive wall-clock time in `zone` (or an aware time) as naive UTC, the form rows keep."""
    aware = local if local.tzinfo is not None else local.replace(tzinfo=zone)
    return aware.astimezone(UTC).replace(tzinfo=None)


def relative_fire_at(due_date: date | None, days_before: int, at_time: time, zone: tzinfo) -> datetime | None:
    """The instant of "`days_before` days before the due date at `at_time`"; None without a due date."""
    if due_date is None:
        return None
    return utc_instant(datetime.combine(due_date - timedelta(days=days_before), at_time), zone)


def reschedule(reminder: Reminder, due_date: date | None, zone: tzinfo, now: datetime) -> None:
    """Move a relative reminder to follow a new due date or zone (its person's); if its new time is still
    to come it will go off (again) then."""
    if reminder.days_before is None or reminder.at_time is None:
        return
    fire_at = relative_fire_at(due_date, reminder.days_before, reminder.at_time, zone)
    if fire_at == reminder.fire_at:
        return
    reminder.fire_at = fire_at
    if fire_at is not None and fire_at > utc_instant(now, UTC):
        reminder.sent_at, reminder.late = None, False


def follow_due_date(task: Task, now: datetime) -> None:
    """After the task's due date changed: everyone's relative reminders of it move with it, each in its
    person's zone (not committed)."""
    with db.session.no_autoflush:  # the task's edit is flushed when it commits, as every edit is
        rows = db.session.execute(
            select(Reminder, User)
            .join(User, Reminder.user_id == User.id)
            .where(Reminder.task_id == task.id, Reminder.days_before.is_not(None))
        ).all()
    for reminder, person in rows:
        reschedule(reminder, task.due_date, person.zone, now)


def moved_reminders(reminders: list[Reminder], days: int, due_date: date) -> list[Reminder]:
    """Copies of a repeating task's reminders (their people loaded) for its next occurrence, due `days`
    later, each still its person's and in their zone: one at an instant comes `days` later at the same
    local time, one relative to the due date follows the new one."""
    moved = []
    for reminder in reminders:
        zone = reminder.user.zone
        if reminder.days_before is not None and reminder.at_time is not None:
            fire_at = relative_fire_at(due_date, reminder.days_before, reminder.at_time, zone)
            moved.append(
                Reminder(
                    user_id=reminder.user_id,
                    days_before=reminder.days_before,
                    at_time=reminder.at_time,
                    fire_at=fire_at,
                )
            )
        elif reminder.remind_at is not None:
            local = reminder.remind_at.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
            remind_at = utc_instant(local + timedelta(days=days), zone)
            moved.append(Reminder(user_id=reminder.user_id, remind_at=remind_at, fire_at=remind_at))
    return moved


def follow_zone(user: User, now: datetime) -> None:
    """After the person changed zone: their own relative reminders and their digest keep their local times."""
    rows = db.session.execute(
        select(Reminder, Task.due_date)
        .join(Task, Reminder.task_id == Task.id)
        .where(Reminder.user_id == user.id, Reminder.days_before.is_not(None))
    )
    for reminder, due_date in rows:
        reschedule(reminder, due_date, user.zone, now)
    user.digest_due_at = next_digest_at(user.digest_time, user.zone, now)


def next_digest_at(digest_time: time | None, zone: tzinfo, now: datetime) -> datetime | None:
    """The next instant after `now` that it is `digest_time` in `zone`; None when there is no digest."""
    if digest_time is None:
        return None
    local_day = now.astimezone(zone).date()
    for day in (local_day, local_day + timedelta(days=1)):
        instant = utc_instant(datetime.combine(day, digest_time), zone)
        if instant > utc_instant(now, UTC):
            return instant
    return utc_instant(datetime.combine(local_day + timedelta(days=2), digest_time), zone)
