"""The comments migration upgrades a database holding tasks, on every database: each task starts with none."""

import flask_migrate
from helpers import insert_account, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db

REVISION = "comments"


def test_tasks_written_before_keep_everything_and_take_comments(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        insert_account(db.session, 1, "old@example.com")
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
                "VALUES (1, 'Prune the roses', 'pending', 1, 1, 0, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.get_user(1)
        task = crud.get_task(user, 1)
        assert task.title == "Prune the roses" and crud.comments_page(task).total == 0
        crud.add_comment(user, 1, "Done before the frost")
        assert [each.body for each in crud.list_comments(user, 1).items] == ["Done before the frost"]
        db.session.rollback()
        db.engine.dispose()
