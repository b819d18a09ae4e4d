"""`flask dump` and `flask load` move every row between databases of any kind, or nothing at all."""

import json
import zipfile
from datetime import date

import pytest
from helpers import PASSWORD

from webapp import crud
from webapp.extensions import db
from webapp.models import TaskStatus

from .archives import copy_archive, every_row, rows_of, truncated


@pytest.fixture
def filled_app(app, accounts, admin, alice):
    """The shared database with two people's tasks, items and an API token."""
    with app.app_context():
        owner = crud.get_user(alice.id)
        crud.create_task(owner, "Pay rent 🏠", "On the 1st,\nby transfer", TaskStatus.IN_PROGRESS, date(2030, 1, 31))
        crud.create_task(owner, 'Quote "this" <b>', None, TaskStatus.COMPLETED, None)
        crud.create_item(owner, "Passport", "Drawer ✓")
        crud.create_api_token(owner, "laptop")
        crud.trash_tasks(owner, [crud.create_task(owner, "Old", None, TaskStatus.PENDING, None).id])
    return app


@pytest.fixture
def archive(filled_app, flask_cli, tmp_path):
    path = tmp_path / "taskboard.zip"
    result = flask_cli(filled_app, "dump", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_a_dump_loaded_into_an_empty_database_gives_back_every_row_and_every_password(
    filled_app, archive, migrated_app, flask_cli, alice
):
    target = migrated_app()

    result = flask_cli(target, "load", str(archive))

    assert result.exit_code == 0, result.output
    assert "Loaded" in result.output
    assert rows_of(target) == rows_of(filled_app)
    with target.app_context():
        owner = crud.authenticate(alice.email, PASSWORD)
        assert owner is not None
        # New rows are numbered after the loaded ones.
        loaded = max(row[0] for row in every_row()["tasks"])
        assert crud.create_task(owner, "After the move", None, TaskStatus.PENDING, None).id > loaded


def test_the_archive_is_documented_json_lines_with_a_manifest(archive, filled_app):
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        users = [json.loads(line) for line in opened.read("tables/users.jsonl").splitlines()]
    assert manifest["format"] == "taskboard-archive" and manifest["version"] == 1
    with filled_app.app_context():
        assert [entry["name"] for entry in manifest["tables"]] == [t.name for t in db.metadata.sorted_tables]
    assert {entry["name"]: entry["rows"] for entry in manifest["tables"]}["tasks"] == 3
    assert [user["email"] for user in users] == ["admin@example.com", "alice@example.com"]
    assert users[0]["password_hash"].startswith("$argon2id$")


def test_loading_into_a_database_with_rows_is_refused_and_changes_nothing(filled_app, archive, flask_cli):
    before = rows_of(filled_app)

    result = flask_cli(filled_app, "load", str(archive))

    assert result.exit_code == 1
    assert "The database is not empty" in result.output
    assert rows_of(filled_app) == before


@pytest.mark.parametrize("command", [["load"], ["restore", "--replace"]])
def test_a_truncated_archive_sent_to_a_database_with_data_leaves_every_row_as_it_was(
    filled_app, archive, flask_cli, tmp_path, command
):
    before = rows_of(filled_app)

    result = flask_cli(filled_app, *command, str(truncated(archive, tmp_path / "cut.zip", keep=0.9)))

    assert result.exit_code == 1
    assert "not a complete Taskboard archive" in result.output
    assert rows_of(filled_app) == before


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda path, out: truncated(path, out), "not a complete Taskboard archive"),
        (
            lambda path, out: copy_archive(
                path, out, member=lambda name, data: data.replace(b"Pay rent", b"Pay Bob!") if "tasks" in name else data
            ),
            "altered or cut short",
        ),
        (
            lambda path, out: copy_archive(
                path, out, member=lambda name, data: data.rsplit(b"\n", 2)[0] + b"\n" if "tasks" in name else data
            ),
            "altered or cut short",
        ),
        (
            lambda path, out: copy_archive(
                path, out, manifest=lambda manifest: manifest.update(schema_revision="2099_12_31_from_the_future")
            ),
            "a newer version made it",
        ),
        (
            lambda path, out: copy_archive(path, out, manifest=lambda manifest: manifest.update(version=2)),
            "format version 2",
        ),
    ],
)
def test_a_damaged_or_newer_archive_is_refused_with_a_reason_and_the_database_is_left_as_it_was(
    archive, migrated_app, flask_cli, tmp_path, damage, message
):
    target = migrated_app()
    before = rows_of(target)

    result = flask_cli(target, "load", str(damage(archive, tmp_path / "damaged.zip")))

    assert result.exit_code == 1
    assert message in result.output
    assert rows_of(target) == before


def test_a_dump_to_a_place_that_cannot_be_written_says_so(filled_app, flask_cli, tmp_path):
    result = flask_cli(filled_app, "dump", str(tmp_path / "no-such-folder" / "taskboard.zip"))

    assert result.exit_code == 1
    assert "Cannot write" in result.output
