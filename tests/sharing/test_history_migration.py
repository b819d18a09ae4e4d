"""The task events migration upgrades a database holding tasks, on every database: the tasks written before
have an empty history, and every change from then on is recorded."""

import flask_migrate
from helpers import PASSWORD, insert_account, insert_list, insert_task, make_app, previous_revision

from webapp import crud
from webapp.extensions import db


def test_tasks_written_before_start_with_an_empty_history_and_record_their_changes(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision("task_events"))
        insert_account(db.session, 1, "old@example.com", time_zone="UTC", email_notifications=True)
        insert_list(db.session, 1, 1, members={1: "owner"})
        insert_task(db.session, "Old task", 1, 1, id=1)
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None
        assert crud.task_history(user, 1).total == 0
        crud.update_task(user, crud.get_task(user, 1), {"priority": 2}, expected_version=1)
        [event] = crud.task_history(user, 1).items
        assert (event.kind.value, event.actor_id, event.field, event.old_value, event.new_value) == (
            "changed",
            1,
            "priority",
            "0",
            "2",
        )
        db.session.rollback()
        db.engine.dispose()
