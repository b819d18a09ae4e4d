"""The task events migration upgrades a database holding tasks, on every database: the tasks written before
have an empty history, and every change from then on is recorded."""

import flask_migrate
from helpers import PASSWORD, insert_account, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db


def test_tasks_written_before_start_with_an_empty_history_and_record_their_changes(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision("task_events"))
        insert_account(db.session, 1, "old@example.com", time_zone="UTC", email_notifications=True)
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
                "INSERT INTO tasks (id, title, status, owner_id, list_id, priority, version, created_at, updated_at) "
                "VALUES (1, 'Old task', 'pending', 1, 1, 0, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
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
