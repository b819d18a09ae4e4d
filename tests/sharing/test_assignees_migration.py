"""The assignees migration keeps every task as it was, unassigned, and lets its list's members be assigned to it,
on every database."""

import flask_migrate
from helpers import insert_account, insert_list, insert_task, make_app, previous_revision

from webapp import crud
from webapp.extensions import db
from webapp.models import ListRole

REVISION = "task_assignees"


def test_existing_tasks_stay_unassigned_and_can_then_be_assigned_to_members(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        for user_id in (1, 2):
            insert_account(db.session, user_id, f"user{user_id}@example.com", time_zone="UTC")
        insert_list(db.session, 1, 1, "Household", members={1: "owner", 2: "editor"})
        insert_task(db.session, "Sweep", 1, 1, id=1)
        db.session.commit()

        flask_migrate.upgrade()

        first, second = crud.get_user(1), crud.get_user(2)
        assert crud.list_tasks(second, assignee="me").total == 0
        task = crud.get_task(first, 1, ListRole.EDITOR)
        crud.update_task(first, task, {"assignees": [2]}, expected_version=1)
        assert [each.title for each in crud.list_tasks(second, assignee="me").items] == ["Sweep"]
        assert [person.email for person in crud.list_tasks(first).items[0].assignees] == ["user2@example.com"]
        db.session.rollback()
        db.engine.dispose()
