"""The schema comes from the migrations, on every database, and data survives upgrades and restarts."""

from pathlib import Path

import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from helpers import PASSWORD, make_app
from sqlalchemy import inspect, text

from webapp import crud
from webapp.extensions import db

# The oldest revision with data in it; rows written there must survive every later migration.
FIRST_REVISION = "0001"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
VERSIONS = MIGRATIONS / "versions"


def alembic_config() -> Config:
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def schema_differences():
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


def table_names() -> set[str]:
    return set(inspect(db.engine).get_table_names())


def test_upgrading_an_empty_database_gives_exactly_the_models_schema(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade()
        assert schema_differences() == []
        assert table_names() == set(db.metadata.tables) | {"alembic_version"}
        db.engine.dispose()


def test_downgrading_to_nothing_and_upgrading_again_works(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        assert table_names() == {"alembic_version"}
        flask_migrate.upgrade()
        assert schema_differences() == []
        db.engine.dispose()


def test_rows_written_at_the_first_revision_survive_upgrading_to_the_latest(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=FIRST_REVISION)
        # Plain SQL in the first revision's columns: the models may since have moved on.
        db.session.execute(
            text(
                "INSERT INTO users (id, email, password_hash, is_active, is_admin, created_at) "
                "VALUES (1, 'old@example.com', :hash, :yes, :yes, CURRENT_TIMESTAMP)"
            ),
            {"hash": crud.users.hash_password(PASSWORD), "yes": True},
        )
        db.session.execute(
            text(
                "INSERT INTO tasks (id, title, status, owner_id, version, created_at, updated_at) "
                "VALUES (1, 'Written long ago 🚀', 'in_progress', 1, 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        db.session.execute(
            text(
                "INSERT INTO items (id, title, owner_id, created_at, updated_at) "
                "VALUES (1, 'Old item', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.authenticate("old@example.com", PASSWORD)
        assert user is not None and user.is_admin
        task = crud.get_task(user, 1)
        assert (task.title, task.status.value, task.version) == ("Written long ago 🚀", "in_progress", 3)
        assert crud.get_item(user, 1).title == "Old item"
        db.session.rollback()
        db.engine.dispose()


def test_tasks_survive_a_new_app_instance_on_the_same_database(database_url, app, accounts, alice):
    first = make_app(database_url).test_client()
    accounts.login(first, alice.email)
    first.post("/tasks/new", data={"title": "Still here tomorrow", "status": "pending"})

    restarted = make_app(database_url).test_client()
    restarted.post("/login", data={"email": alice.email, "password": PASSWORD})
    assert "Still here tomorrow" in restarted.get("/tasks/").text


def test_migration_files_sort_in_the_order_they_run():
    scripts = ScriptDirectory.from_config(alembic_config())
    chain = [script.path for script in reversed(list(scripts.walk_revisions()))]
    assert [Path(path).name for path in chain] == sorted(Path(path).name for path in chain)


def test_new_migration_files_are_named_to_sort_after_the_existing_ones():
    template = alembic_config().get_main_option("file_template")
    name = template % {"year": 2026, "month": 11, "day": 30, "hour": 21, "minute": 7, "rev": "x", "slug": "y"}
    numbered = sorted(path.name for path in VERSIONS.glob("000*.py"))  # the first five, 0001_ ... 0005_
    assert name == "2026_11_30_2107-x_y"
    assert name > numbered[-1]
