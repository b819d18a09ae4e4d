"""The reminders migration upgrades a database holding data, on every database: tasks gain reminders,
people a digest setting (off)."""

from datetime import time

import flask_migrate
from helpers import PASSWORD, insert_account, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db


def test_tasks_written_before_take_reminders_and_nobody_gets_a_digest_unasked(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision("reminders_and_digests"))
        insert_account(db.session, 1, "old@example.com", is_admin=True, time_zone="UTC", email_notifications=True)
        db.session.execute(
            text(
                "INSERT INTO task_lists (id, owner_id, name, name_key, is_inbox, created_at) "
                "VALUES (1, 1, 'Inbox', 'inbox', :yes, CURRENT_TIMESTAMP)"
            ),
            {"yes": True},
        )
        db.session.execute(
            text(
                "INSERT INTO list_members (list_id, user_id, role, created_at) "
                "VALUES (1, 1, 'owner', CURRENT_TIMESTAMP)"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO tasks (id, title, status, due_date, owner_id, list_id, priority, version, created_at, "
                "updated_at) VALUES (1, 'Old task', 'pending', '2099-01-02', 1, 1, 0, 1, CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"
            )
        )
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None and user.digest_time is None and user.digest_due_at is None
        reminder = crud.add_reminder(user, 1, days_before=1, at_time=time(9, 0))
        assert reminder.fire_at is not None and reminder.fire_at.isoformat() == "2099-01-01T09:00:00"
        db.session.rollback()
        db.engine.dispose()
