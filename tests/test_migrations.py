"""The schema comes from the migrations, and data survives a restart."""

import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from conftest import PASSWORD, make_app
from webapp.extensions import db


def test_upgrading_an_empty_database_gives_exactly_the_models_schema(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/fresh.db")
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version", *db.metadata.tables}


def test_downgrading_to_nothing_and_upgrading_again_works(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/roundtrip.db")
    with app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        flask_migrate.upgrade()
        assert "tasks" in inspect(db.engine).get_table_names()


def test_tasks_survive_a_new_app_instance_on_the_same_database(database_url, app, accounts, alice):
    first = make_app(database_url).test_client()
    accounts.login(first, alice.email)
    first.post("/tasks/new", data={"title": "Still here tomorrow", "status": "pending"})

    restarted = make_app(database_url).test_client()
    restarted.post("/login", data={"email": alice.email, "password": PASSWORD})
    assert "Still here tomorrow" in restarted.get("/tasks/").text
