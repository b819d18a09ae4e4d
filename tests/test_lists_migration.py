"""Upgrading to lists, labels and priorities keeps every task, each in its owner's new Inbox."""

import flask_migrate
from helpers import insert_account, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db
from webapp.models import Priority

REVISION = "lists_labels_priorities"


def test_existing_tasks_land_in_their_owners_inbox_with_no_priority_and_no_labels(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        for user_id in (1, 2):
            insert_account(db.session, user_id, f"user{user_id}@example.com")
        for task_id, owner_id in ((1, 1), (2, 1), (3, 2)):
            db.session.execute(
                text(
                    "INSERT INTO tasks (id, title, status, owner_id, version, created_at, updated_at) "
                    "VALUES (:id, :title, 'pending', :owner, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"id": task_id, "title": f"Task {task_id}", "owner": owner_id},
            )
        db.session.commit()

        flask_migrate.upgrade()

        for user_id, task_ids in ((1, [1, 2]), (2, [3])):
            user = crud.get_user(user_id)
            lists = crud.list_lists(user)
            assert [(task_list.name, task_list.is_inbox) for task_list in lists] == [("Inbox", True)]
            for task_id in task_ids:
                task = crud.get_task(user, task_id)
                assert (task.list_id, task.priority, task.labels) == (lists[0].id, Priority.NONE, [])
        db.session.rollback()
        db.engine.dispose()
