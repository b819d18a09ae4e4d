"""The emails of notifications: every row with `email_pending` is sent once, then cleared."""

from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from ..mail import external_url, send_email
from ..models import Notification, User
from .tally import Tally

EMAIL_BATCH = 50


def email_notifications(now: datetime, tally: Tally) -> int:
    """Email one batch of pending notifications; how many rows it finished with. A message the mail
    server refuses stays pending for the next run, and ends the batch (the server is likely down)."""
    claimed = (
        db.session.execute(
            select(Notification)
            .where(Notification.email_pending.is_(True))
            .order_by(Notification.id)
            .limit(EMAIL_BATCH)
            .with_for_update(skip_locked=True)
        )
        .scalars()
        .all()
    )
    recipients = {
        user.id: user for user in db.session.scalars(select(User).where(User.id.in_({n.user_id for n in claimed})))
    }
    finished = 0
    for notification in claimed:
        user = recipients[notification.user_id]
        if user.email_notifications and user.is_active:
            if not send_email(
                user.email, subject_of(notification), "notification", text=notification.text, link=link_of(notification)
            ):
                break
            notification.emailed_at = now.replace(tzinfo=None)
            tally.emails += 1
        notification.email_pending = False
        finished += 1
    db.session.commit()
    return finished


def subject_of(notification: Notification) -> str:
    return f"Taskboard: {notification.text}"[:150]


def link_of(notification: Notification) -> str:
    if notification.task_id is not None:
        return external_url("tasks.show", task_id=notification.task_id)
    return external_url("notifications.index")
