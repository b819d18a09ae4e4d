"""The schema comes from the migrations, on every database, and data survives upgrades and restarts."""

from datetime import UTC, datetime
from pathlib import Path

import flask_migrate
import pytest
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


def insert_old_admin() -> None:
    """User 1, old@example.com, an admin, in plain SQL: the models may have moved on since."""
    db.session.execute(
        text(
            "INSERT INTO users (id, email, password_hash, is_active, is_admin, created_at) "
            "VALUES (1, 'old@example.com', :hash, :yes, :yes, CURRENT_TIMESTAMP)"
        ),
        {"hash": crud.users.hash_password(PASSWORD), "yes": True},
    )


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
        insert_old_admin()
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


def revision_before(revision: str) -> str:
    """The revision a migration upgrades from, as its script says (merges may re-chain it)."""
    script = ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    assert script is not None and isinstance(script.down_revision, str)
    return script.down_revision


def test_tasks_and_items_survive_adding_single_use_form_tokens(new_database):
    app = make_app(new_database())
    with app.app_context():
        flask_migrate.upgrade(revision=revision_before("form_submissions"))
        insert_old_admin()
        db.session.execute(
            text(
                "INSERT INTO task_lists (id, owner_id, name, name_key, is_inbox, created_at) "
                "VALUES (1, 1, 'Inbox', 'inbox', :yes, CURRENT_TIMESTAMP)"
            ),
            {"yes": True},
        )
        db.session.execute(
            text(
                "INSERT INTO tasks (title, status, owner_id, list_id, version, created_at, updated_at) "
                "VALUES ('Before tokens', 'pending', 1, 1, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        db.session.commit()

        flask_migrate.upgrade()

        user = crud.get_user(1)
        first = crud.create_task(user, "With a token", form_token="t" * 43)
        with pytest.raises(crud.AlreadySubmitted) as again:
            crud.create_task(user, "Posted again", form_token="t" * 43)
        assert again.value.created_id == first.id
        assert [t.title for t in crud.list_tasks(user, sort="created").items] == ["Before tokens", "With a token"]
        db.session.rollback()
        db.engine.dispose()


def test_migration_files_sort_in_the_order_they_run():
    scripts = ScriptDirectory.from_config(alembic_config())
    chain = [script.path for script in reversed(list(scripts.walk_revisions()))]
    assert [Path(path).name for path in chain] == sorted(Path(path).name for path in chain)


def test_new_migration_files_are_named_to_sort_after_the_existing_ones():
    template = alembic_config().get_main_option("file_template")
    now = datetime.now(UTC)
    fields = {"year": now.year, "month": now.month, "day": now.day, "hour": now.hour, "minute": now.minute}
    name = template % {**fields, "rev": "x", "slug": "y"}
    existing = sorted(path.name for path in VERSIONS.glob("*.py"))
    assert name == f"{now:%Y_%m_%d_%H%M}-x_y"
    assert name > existing[-1]
