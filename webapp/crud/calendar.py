"""The calendar feed: a person's secret feed address, and the tasks it serves."""

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import exists, select

from ..extensions import db
from ..models import CALENDAR_TOKEN_LENGTH, Task, TaskList, TaskStatus, User, task_labels
from .access import tasks_of_list, tasks_of_lists_where

# What secrets.token_urlsafe(32) makes: 43 characters of the URL-safe base64 alphabet.
TOKEN_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{{CALENDAR_TOKEN_LENGTH}}}")


def regenerate_calendar_token(user: User) -> str:
    """A new secret feed address for the person; the previous one stops working at once."""
    user.calendar_token = secrets.token_urlsafe(32)
    db.session.commit()
    return user.calendar_token


def user_for_calendar_token(token: str) -> User | None:
    """The active account whose feed this token opens; None for anything else, malformed tokens included
    (never looked up)."""
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    return db.session.scalars(select(User).where(User.calendar_token == token, User.is_active.is_(True))).one_or_none()


@dataclass(frozen=True)
class FeedEntry:
    """What the feed says of one task."""

    id: int
    title: str
    description: str | None
    due_date: date
    status: TaskStatus
    recurrence: str | None
    updated_at: datetime
    list_name: str

    @property
    def completed(self) -> bool:
        return self.status is TaskStatus.COMPLETED


def calendar_entries(
    owner: User, completed: bool = False, list_id: int | None = None, label_ids: Iterable[int] = ()
) -> list[FeedEntry]:
    """The live tasks with a due date of every list the person is a member of (crud.access), in one
    statement: open ones, and completed ones too if `completed`; of one list, and carrying every one of
    the labels, when given."""
    statement = (
        select(
            Task.id,
            Task.title,
            Task.description,
            Task.due_date,
            Task.status,
            Task.recurrence,
            Task.updated_at,
            TaskList.name,
        )
        .join(TaskList, Task.list_id == TaskList.id)
        .where(
            *(tasks_of_lists_where(owner) if list_id is None else tasks_of_list(owner, list_id)),
            Task.deleted_at.is_(None),
            Task.due_date.is_not(None),
        )
        .order_by(Task.due_date, Task.id)
    )
    if not completed:
        statement = statement.where(Task.status != TaskStatus.COMPLETED)
    for label_id in set(label_ids):
        statement = statement.where(
            exists().where(task_labels.c.task_id == Task.id, task_labels.c.label_id == label_id)
        )
    # The rows hold the fields in FeedEntry's order (due_date is never NULL here).
    return [FeedEntry(*cast(tuple[Any, ...], row)) for row in db.session.execute(statement)]
