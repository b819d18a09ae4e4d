"""Repeating tasks: checking a task's rule, and making the next occurrence of one being completed."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import EventKind, Reminder, Task, TaskStatus, User
from ..recurrence import InvalidRule, parse
from .errors import N_, InvalidRecurrence
from .history import record
from .reminder_times import moved_reminders


def checked_rule(recurrence: str | None, due_date: date | None) -> str | None:
    """The stored form of a rule for a task due on `due_date` (None: it does not repeat).

    A rule needs a due date to count from, and must repeat at all; InvalidRecurrence otherwise, naming
    the part of the rule at fault.
    """
    if not recurrence:
        return None
    if due_date is None:
        raise InvalidRecurrence(N_("A repeating task needs a due date."), field="due_date")
    try:
        rule = parse(recurrence).anchored(due_date)
        rule.check_start(due_date)
    except InvalidRule as invalid:
        raise InvalidRecurrence(str(invalid), part=invalid.part) from None
    return rule.text


def add_next_occurrences(actor: User, tasks: Sequence[Task], completed_on: date | None = None) -> list[Task]:
    """Add to the session the next occurrence of each repeating task among `tasks`, completed on
    `completed_on` (today) by `actor`, unless it has one already or its rule has ended; the tasks'
    labels must be loaded. Returns the new occurrences, each with its "created" event.

    The next occurrence is the same task (title, description, list, labels, priority, rule, each person's
    reminders moved by the same number of days), due on
    the next day of the rule after the due date, or after the completion date when the rule counts
    from there. The unique `follows_id` keeps it at one per occurrence, even when two transactions
    complete the same task at once.
    """
    repeating = [task for task in tasks if task.recurrence and task.due_date is not None]
    if not repeating:
        return []
    # Without flushing the edit first: its UPDATE is what waits for, and loses to, a concurrent completion
    # (reading the owner, for the zone, may load it).
    with db.session.no_autoflush:
        statement = select(Task.follows_id).where(Task.follows_id.in_([task.id for task in repeating]))
        followed = set(db.session.scalars(statement))
        reminders: dict[int, list[Reminder]] = {task.id: [] for task in repeating}
        with_people = (
            select(Reminder)
            .options(joinedload(Reminder.user))
            .where(Reminder.task_id.in_(reminders))
            .order_by(Reminder.id)  # the copies in the order they were set
        )
        for reminder in db.session.scalars(with_people):
            reminders[reminder.task_id].append(reminder)
        followed |= {new.follows_id for new in db.session.new if isinstance(new, Task)}
        made = []
        for task in repeating:
            rule = parse(task.recurrence or "")
            # The day it was completed where its owner lives.
            start = (completed_on or task.owner.today()) if task.repeat_from_completion else task.due_date
            due = rule.next_after(start) if start is not None and task.id not in followed else None
            if due is None or task.due_date is None:
                continue
            moved = moved_reminders(reminders[task.id], (due - task.due_date).days, due)
            made.append(
                Task(
                    owner_id=task.owner_id,
                    title=task.title,
                    description=task.description,
                    status=TaskStatus.PENDING,
                    due_date=due,
                    list_id=task.list_id,
                    priority=task.priority,
                    labels=list(task.labels),
                    recurrence=rule.following().text,
                    repeat_from_completion=task.repeat_from_completion,
                    series_id=task.series_id or task.id,
                    follows_id=task.id,
                    reminders=moved,
                )
            )
    db.session.add_all(made)
    for task in made:
        record(task, actor, EventKind.CREATED)
    return made


def next_occurrence(task: Task) -> Task | None:
    """The occurrence made from this one, if any (live or in the trash)."""
    return db.session.scalars(select(Task).where(Task.follows_id == task.id)).one_or_none()
