"""The reminders migrations upgrade a database holding data, on every database: tasks gain reminders,
people a digest setting (off), and each reminder kept becomes its task owner's own."""

from datetime import time

import flask_migrate
from helpers import PASSWORD, insert_account, insert_list, insert_task, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db


def test_tasks_written_before_take_reminders_and_nobody_gets_a_digest_unasked(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision("reminders_and_digests"))
        insert_account(db.session, 1, "old@example.com", is_admin=True, time_zone="UTC", email_notifications=True)
        insert_list(db.session, 1, 1, members={1: "owner"})
        insert_task(db.session, "Old task", 1, 1, id=1, due_date="2099-01-02")
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None and user.digest_time is None and user.digest_due_at is None
        reminder = crud.add_reminder(user, 1, days_before=1, at_time=time(9, 0))
        assert reminder.fire_at is not None and reminder.fire_at.isoformat() == "2099-01-01T09:00:00"
        db.session.rollback()
        db.engine.dispose()


def test_reminders_written_before_become_their_tasks_owners_own(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision("personal_reminders"))
        insert_account(db.session, 1, "owner@example.com", time_zone="Europe/Berlin")
        insert_account(db.session, 2, "member@example.com", time_zone="UTC")
        insert_list(db.session, 1, 1, "Home", members={1: "owner", 2: "editor"})
        insert_task(db.session, "Old task", 1, 1, id=1, due_date="2099-01-02")
        db.session.execute(
            text(
                "INSERT INTO reminders (id, task_id, days_before, at_time, fire_at, late, created_at) "
                "VALUES (1, 1, 1, '09:00:00', '2099-01-01 08:00:00', :no, CURRENT_TIMESTAMP)"
            ),
            {"no": False},
        )
        db.session.commit()

        flask_migrate.upgrade()

        owner, member = crud.get_user(1), crud.get_user(2)
        task = crud.get_task(owner, 1)
        crud.load_reminders([task], owner)
        assert [(r.id, r.user_id, r.fire_at.isoformat()) for r in task.reminders] == [(1, 1, "2099-01-01T08:00:00")]
        crud.load_reminders([task], member)
        assert task.reminders == []
        db.session.rollback()
        db.engine.dispose()
