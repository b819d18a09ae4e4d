"""The notifications migration upgrades a database holding data, on every database: email stays on."""

import flask_migrate
from helpers import PASSWORD, insert_account, make_app, previous_revision

from webapp import crud
from webapp.extensions import db


def test_accounts_written_before_get_email_notifications_and_an_empty_bell(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision("notifications"))
        insert_account(db.session, 1, "old@example.com", is_admin=True, time_zone="Asia/Tokyo")
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None and user.email_notifications and user.time_zone == "Asia/Tokyo"
        assert crud.unread_count(user) == 0
        crud.notify(user, "reminder", None, "Hello from the new table")
        db.session.commit()
        assert crud.unread_count(user) == 1
        db.session.rollback()
        db.engine.dispose()
