"""The time-zone migration upgrades a database holding data, on every database: everyone starts in UTC."""

import flask_migrate
from helpers import PASSWORD, insert_account, make_app, previous_revision

from webapp import crud
from webapp.extensions import db


def test_accounts_written_before_keep_working_in_utc_and_can_choose_a_zone(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision("user_time_zones"))
        insert_account(db.session, 1, "old@example.com", is_admin=True)
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None and user.time_zone == "UTC"
        crud.set_time_zone(user, "Pacific/Kiritimati")
        assert crud.get_user(1).time_zone == "Pacific/Kiritimati"
        db.session.rollback()
        db.engine.dispose()
