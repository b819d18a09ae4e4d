"""The default order's index gains each task's list: on every database, an upgraded database keeps its tasks
and lists them newest first, from one owner's lists or from several."""

from datetime import datetime

import flask_migrate
from helpers import insert_account, insert_list, insert_task, make_app, previous_revision
from sqlalchemy import inspect

from webapp import crud
from webapp.extensions import db

REVISION = "default_order_index_list"
INDEX = "ix_tasks_owner_id_deleted_at_created_at_id_list_id"


def test_an_upgraded_database_lists_the_tasks_of_every_list_seen_newest_first(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        for user_id, email in ((1, "ann@example.com"), (2, "bob@example.com")):
            insert_account(db.session, user_id, email, time_zone="UTC")
        insert_list(db.session, 1, 1, "Inbox", members={1: "owner"})
        insert_list(db.session, 2, 1, "Work", members={1: "owner"})
        insert_list(db.session, 3, 2, "Garden", members={2: "owner", 1: "viewer"})
        insert_list(db.session, 4, 2, "Private", members={2: "owner"})
        for day, (title, owner_id, list_id) in enumerate(
            [("Inbox task", 1, 1), ("Bob's private task", 2, 4), ("Work task", 1, 2), ("Garden task", 2, 3)], start=1
        ):
            insert_task(db.session, title, owner_id, list_id, created_at=datetime(2030, 1, day))
        db.session.commit()

        flask_migrate.upgrade()

        columns = {index["name"]: index["column_names"] for index in inspect(db.engine).get_indexes("tasks")}
        assert columns[INDEX] == ["owner_id", "deleted_at", "created_at", "id", "list_id"]
        ann, bob = crud.get_user(1), crud.get_user(2)
        newest_first = ["Garden task", "Work task", "Inbox task"]
        assert [task.title for task in crud.list_tasks(ann).items] == newest_first
        for person in (ann, bob):
            read_first = [task_list for task_list, _role in crud.member_lists(person)]
            assert crud.list_tasks(person, member_of=read_first).items == crud.list_tasks(person).items
        assert [task.title for task in crud.list_tasks(bob).items] == ["Garden task", "Bob's private task"]
        db.session.rollback()
        db.engine.dispose()
