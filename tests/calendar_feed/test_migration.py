"""The calendar feed migration upgrades a database holding accounts, on every database."""

import flask_migrate
from helpers import insert_account, make_app, previous_revision

from webapp import crud
from webapp.extensions import db

REVISION = "calendar_token"


def test_existing_accounts_have_no_feed_address_until_they_make_one(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        for user_id in (1, 2):
            insert_account(db.session, user_id, f"old{user_id}@example.com")
        db.session.commit()

        flask_migrate.upgrade()

        first, second = crud.get_user(1), crud.get_user(2)
        assert (first.email, first.calendar_token, second.calendar_token) == ("old1@example.com", None, None)
        token = crud.regenerate_calendar_token(first)
        assert crud.user_for_calendar_token(token) == first
        assert crud.get_user(2).calendar_token is None
        db.session.rollback()
        db.engine.dispose()
