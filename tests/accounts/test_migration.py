"""The accounts migration upgrades a database holding data, on every database."""

import flask_migrate
from helpers import PASSWORD, insert_account, make_app, previous_revision
from sqlalchemy import text

from webapp import crud
from webapp.extensions import db

REVISION = "accounts_links_and_two_factor"


def test_accounts_and_tokens_written_before_survive_and_gain_the_new_abilities(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=previous_revision(REVISION))
        insert_account(db.session, 1, "old@example.com", is_admin=True, session_version=4)
        db.session.execute(
            text(
                "INSERT INTO api_tokens (id, name, token_hash, owner_id, created_at) "
                "VALUES (1, 'backup', :hash, 1, CURRENT_TIMESTAMP)"
            ),
            {"hash": crud.tokens.hash_token("tb_old")},
        )
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None and user.session_version == 4
        assert not user.email_verified and not user.two_factor_enabled and user.totp_secret is None
        assert crud.user_for_api_token("tb_old").id == 1
        secret = crud.request_email_verification(user)
        assert crud.confirm_email(secret)[0].email_verified
        crud.start_enrolment(user)
        assert crud.registration_mode("open") == "open"
        crud.set_registration_mode("invite")
        assert crud.registration_mode("open") == "invite"
        db.session.rollback()
        db.engine.dispose()
