"""The emails of notifications: every row with `email_pending` is sent once, then cleared."""

import logging
import smtplib
from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from ..mail import external_url, mail_connection, send_email
from ..models import Notification, User
from .due import naive_utc
from .tally import Tally

logger = logging.getLogger("taskboard.scheduler")

# Small: the batch's rows (on SQLite, the database's write lock) are held while its emails are sent.
EMAIL_BATCH = 20


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
    if not claimed:
        db.session.rollback()
        return 0
    recipients = {
        user.id: user for user in db.session.scalars(select(User).where(User.id.in_({n.user_id for n in claimed})))
    }
    try:
        connection = mail_connection()
        connection.open()
    except (smtplib.SMTPException, OSError):
        logger.exception("Cannot reach the mail server; %d email(s) wait for the next run", len(claimed))
        db.session.rollback()
        return 0
    finished = 0
    try:
        for notification in claimed:
            user = recipients[notification.user_id]
            if user.email_notifications and user.is_active:
                text, link = notification.text, link_of(notification)
                if not send_email(
                    user.email,
                    subject_of(notification),
                    "notification",
                    locale=user.locale,
                    connection=connection,
                    text=text,
                    link=link,
                ):
                    break
                notification.emailed_at = naive_utc(now)
                tally.emails += 1
                tally.waited(notification.emailed_at - notification.created_at)
            notification.email_pending = False
            finished += 1
    finally:
        connection.close()
    db.session.commit()
    return finished


def subject_of(notification: Notification) -> str:
    return f"Taskboard: {notification.text}"[:150]


def link_of(notification: Notification) -> str:
    if notification.kind == "digest":
        return external_url("tasks.index", sort="due")
    if notification.task_id is not None:
        return external_url("tasks.show", task_id=notification.task_id)
    return external_url("notifications.index")
