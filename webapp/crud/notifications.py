"""Notifications: what a person is told (a reminder, a digest, a task assigned to them, a mention).

`notify` is the one way in, for every feature (`notify_all` its form for a batch): it adds the
notification to the session, to be committed with the change that caused it. The bell shows it at
once; the scheduler emails it (see webapp.scheduler), unless the person turned email off.
"""

from collections.abc import Sequence
from functools import cache

from sqlalchemy import Select, SQLColumnExpression, bindparam, func, insert, select, update

from ..extensions import db
from ..models import NOTIFICATION_TEXT_MAX, Notification, Task, User, utcnow
from .common import Page, paginate

NOTIFICATIONS_PER_PAGE = 25


def notify(user: User, kind: str, task: Task | None, text: str) -> Notification:
    """Tell `user` something, about `task` if given; not committed (the caller's transaction does)."""
    notification = Notification(**_notification_row(user, kind, task, text))
    db.session.add(notification)
    return notification


def notify_all(notices: Sequence[tuple[User, str, Task | None, str]]) -> None:
    """`notify` for many at once, (user, kind, task, text) each, in one INSERT: the scheduler's batches."""
    if notices:
        db.session.execute(insert(Notification), [_notification_row(*notice) for notice in notices])


def _notification_row(user: User, kind: str, task: Task | None, text: str) -> dict[str, object]:
    return {
        "user_id": user.id,
        "kind": kind,
        "task_id": task.id if task is not None else None,
        "text": text[:NOTIFICATION_TEXT_MAX],
        "email_pending": user.email_notifications,
    }


def _unread_of(user_id: int | SQLColumnExpression[int]) -> Select[int]:
    """One COUNT over the person's range of the (user_id, read_at) index."""
    return select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))


def unread_count(user: User) -> int:
    """For the bell."""
    return db.session.execute(_unread_of(user.id)).scalar_one()


@cache
def _account_statement() -> Select[User, int]:
    # Built once, with a parameter: the statement of every signed-in request.
    return select(User, _unread_of(User.id).scalar_subquery()).where(User.id == bindparam("user_id"))


def account_with_unread_count(user_id: int) -> tuple[User, int] | None:
    """The account, with the count of its unread notifications that the bell shows on every page, in one
    round trip (None: no such account)."""
    row = db.session.execute(_account_statement(), {"user_id": user_id}).one_or_none()
    return None if row is None else (row[0], row[1])


def list_notifications(user: User, page: int = 1) -> Page[Notification]:
    """The person's notifications, newest first."""
    statement = select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc())
    return paginate(statement, page, NOTIFICATIONS_PER_PAGE)


def mark_read(user: User, ids: list[int] | None = None) -> int:
    """Mark these of the person's notifications read (all of them when `ids` is None); how many changed."""
    statement = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        statement = statement.where(Notification.id.in_(ids))
    changed = db.session.execute(statement.values(read_at=utcnow()).execution_options(synchronize_session=False))
    db.session.commit()
    return int(changed.rowcount)  # type: ignore[attr-defined]


def set_email_notifications(user: User, enabled: bool) -> User:
    """Email notifications on or off; off also stops those not emailed yet."""
    user.email_notifications = enabled
    if not enabled:
        db.session.execute(
            update(Notification)
            .where(Notification.user_id == user.id, Notification.email_pending.is_(True))
            .values(email_pending=False)
        )
    db.session.commit()
    return user
