"""The language migration upgrades a database holding accounts: every one follows its browser until its
owner chooses, on every database."""

import flask_migrate
from helpers import PASSWORD, insert_account, make_app, previous_revision

from webapp import crud
from webapp.extensions import db

REVISION = "user_locale"


def test_accounts_written_before_follow_their_browser_and_may_choose_a_language(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        insert_account(db.session, 1, "old@example.com", is_admin=True, session_version=2)
        db.session.commit()

        flask_migrate.upgrade()  # to the head: the models read every later column too

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None and user.locale is None and user.session_version == 2
        crud.set_locale(user, "de")
        assert crud.get_user(1).locale == "de"
        db.session.rollback()
        db.engine.dispose()
    client = app.test_client()
    client.post("/login", data={"email": "old@example.com", "password": PASSWORD})
    assert '<html lang="de" ' in client.get("/account", headers={"Accept-Language": "es"}).text
    with app.app_context():
        db.engine.dispose()
