"""The time-zone migration upgrades a database holding data, on every database: everyone starts in UTC."""

import flask_migrate
from helpers import PASSWORD, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db


def test_accounts_written_before_keep_working_in_utc_and_can_choose_a_zone(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision("user_time_zones"))
        db.session.execute(
            text(
                "INSERT INTO users (id, email, password_hash, is_active, is_admin, created_at, session_version) "
                "VALUES (1, 'old@example.com', :hash, :yes, :yes, CURRENT_TIMESTAMP, 1)"
            ),
            {"hash": crud.users.hash_password(PASSWORD), "yes": True},
        )
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None and user.time_zone == "UTC"
        crud.set_time_zone(user, "Pacific/Kiritimati")
        assert crud.get_user(1).time_zone == "Pacific/Kiritimati"
        db.session.rollback()
        db.engine.dispose()
