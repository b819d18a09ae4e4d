"""The recurring tasks migration upgrades a database holding tasks, on every database."""

from datetime import date

import flask_migrate
from helpers import insert_account, insert_list, insert_task, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db
from webapp.models import TaskStatus

REVISION = "recurring_tasks"


def test_existing_tasks_do_not_repeat_and_can_be_made_to(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        insert_account(db.session, 1, "old@example.com")
        insert_list(db.session, 1, 1)
        # Without an id, so the next task made takes the next one on PostgreSQL too.
        insert_task(db.session, "Old task", 1, 1, due_date="2030-06-10")
        task_id = db.session.scalar(text("SELECT id FROM tasks"))
        db.session.commit()

        flask_migrate.upgrade()

        owner = crud.get_user(1)
        task = crud.get_task(owner, task_id)
        assert (task.title, task.recurrence, task.repeat_from_completion, task.series_id) == (
            "Old task",
            None,
            False,
            None,
        )
        task = crud.update_task(owner, task, {"recurrence": "FREQ=WEEKLY"}, expected_version=1)
        crud.complete_task(owner, task_id)
        follower = crud.next_occurrence(task)
        assert follower is not None
        assert (follower.due_date, follower.status, follower.series_id) == (
            date(2030, 6, 17),
            TaskStatus.PENDING,
            task_id,
        )
        db.session.rollback()
        db.engine.dispose()
