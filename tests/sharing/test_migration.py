"""The shared-lists migration makes every existing list's owner its one member, an owner, on every database."""

import flask_migrate
from helpers import insert_account, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db
from webapp.models import ListRole

REVISION = "list_members"


def test_every_existing_list_keeps_its_tasks_and_its_owner_becomes_its_owner_member(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        for user_id in (1, 2):
            insert_account(db.session, user_id, f"user{user_id}@example.com")
        for list_id, owner_id, name, inbox in ((1, 1, "Inbox", True), (2, 1, "Garden", False), (3, 2, "Inbox", True)):
            db.session.execute(
                text(
                    "INSERT INTO task_lists (id, owner_id, name, name_key, is_inbox, created_at) "
                    "VALUES (:id, :owner, :name, :key, :inbox, CURRENT_TIMESTAMP)"
                ),
                {"id": list_id, "owner": owner_id, "name": name, "key": name.lower(), "inbox": inbox},
            )
        db.session.execute(
            text(
                "INSERT INTO tasks (id, title, status, owner_id, list_id, priority, version, created_at, updated_at) "
                "VALUES (1, 'Prune', 'pending', 1, 2, 0, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        db.session.commit()

        flask_migrate.upgrade()

        first, second = crud.get_user(1), crud.get_user(2)
        assert [(each.name, role) for each, role in crud.member_lists(first)] == [
            ("Inbox", ListRole.OWNER),
            ("Garden", ListRole.OWNER),
        ]
        assert [(each.id, role) for each, role in crud.member_lists(second)] == [(3, ListRole.OWNER)]
        assert crud.get_task(first, 1).list_id == 2
        assert crud.list_tasks(second).total == 0
        db.session.rollback()
        db.engine.dispose()
