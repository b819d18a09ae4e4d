"""The colour-mode migration upgrades a database holding accounts, on every database."""

import flask_migrate
from helpers import PASSWORD, insert_account, make_app, previous_revision

from webapp import crud
from webapp.extensions import db
from webapp.models import ColourMode

REVISION = "colour_mode"


def test_existing_accounts_follow_the_system_and_can_choose_another_mode(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        for user_id in (1, 2):
            insert_account(db.session, user_id, f"old{user_id}@example.com", session_version=3)
        db.session.commit()

        flask_migrate.upgrade()

        first = crud.authenticate("old1@example.com", PASSWORD)
        assert first is not None and first.session_version == 3
        assert first.colour_mode is ColourMode.SYSTEM
        crud.set_colour_mode(first, ColourMode.DARK)
        db.session.expire_all()
        assert crud.get_user(1).colour_mode is ColourMode.DARK
        assert crud.get_user(2).colour_mode is ColourMode.SYSTEM
        db.session.rollback()
        db.engine.dispose()
