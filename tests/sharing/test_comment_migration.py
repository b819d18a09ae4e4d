"""The comments migration upgrades a database holding tasks, on every database: each task starts with none."""

import flask_migrate
from helpers import insert_account, insert_list, insert_task, make_app, previous_revision

from webapp import crud
from webapp.extensions import db

REVISION = "comments"


def test_tasks_written_before_keep_everything_and_take_comments(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        insert_account(db.session, 1, "old@example.com")
        insert_list(db.session, 1, 1, members={1: "owner"})
        insert_task(db.session, "Prune the roses", 1, 1, id=1)
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.get_user(1)
        task = crud.get_task(user, 1)
        assert task.title == "Prune the roses" and crud.comments_page(task).total == 0
        crud.add_comment(user, 1, "Done before the frost")
        assert [each.body for each in crud.list_comments(user, 1).items] == ["Done before the frost"]
        db.session.rollback()
        db.engine.dispose()
