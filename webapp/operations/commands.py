"""`flask dump`, `flask load`, `flask backup` and `flask restore`: errors become a message and exit status 1."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from flask_migrate import cli as flask_migrate_cli

from . import backup, portable
from .archive import ArchiveError, Manifest
from .files import CannotWrite

PATH = click.Path(dir_okay=False, path_type=Path)
EXISTING_PATH = click.Path(dir_okay=False, exists=True, path_type=Path)


@contextmanager
def reported_as_click_errors() -> Iterator[None]:
    try:
        yield
    except (ArchiveError, CannotWrite) as error:
        raise click.ClickException(str(error)) from None


def rows_in(manifest: Manifest) -> str:
    return f"{sum(entry.rows for entry in manifest.tables):,} rows in {len(manifest.tables)} tables"


@click.command("dump")
@click.argument("path", type=PATH)
@with_appcontext
def dump_command(path: Path) -> None:
    """Write every row of every table to the archive PATH (a zip of JSON lines)."""
    with reported_as_click_errors():
        manifest = portable.dump(path)
    click.echo(f"Wrote {rows_in(manifest)} to {path} (schema revision {manifest.schema_revision}).")


@click.command("load")
@click.argument("path", type=EXISTING_PATH)
@with_appcontext
def load_command(path: Path) -> None:
    """Load the archive PATH into this empty database, keeping every id."""
    with reported_as_click_errors():
        manifest = portable.load(path)
    click.echo(f"Loaded {rows_in(manifest)} from {path}.")


@click.command("backup")
@click.argument("path", type=PATH)
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH while the app keeps serving."""
    with reported_as_click_errors():
        revision = backup.backup(path)
    click.echo(f"Backed up the database to {path} (schema revision {revision}).")


@click.command("restore")
@click.argument("path", type=EXISTING_PATH)
@click.option("--replace", is_flag=True, help="Replace what the database holds now (refused without it).")
@with_appcontext
def restore_command(path: Path, replace: bool) -> None:
    """Restore the backup (or archive) PATH into this database."""
    with reported_as_click_errors():
        next_step = backup.restore(path, replace)
    click.echo(f"Restored {path}. {next_step}".rstrip())


@click.command("upgrade", params=flask_migrate_cli.upgrade.params, help=flask_migrate_cli.upgrade.help)
@click.pass_context
@with_appcontext
def upgrade_after_backup(context: click.Context, /, **options: object) -> None:
    """Flask-Migrate's `flask db upgrade`, after a backup of a SQLite database it is about to change."""
    if not options["sql"]:
        with reported_as_click_errors():
            taken = backup.backup_before_upgrade(str(options["revision"]))
        if taken:
            click.echo(f"Backed up the database to {taken} before upgrading.")
    context.invoke(flask_migrate_cli.upgrade, **options)


def register(app: Flask) -> None:
    for command in (dump_command, load_command, backup_command, restore_command):
        app.cli.add_command(command)
    # Flask-Migrate's `db` group is one object shared by every app; putting the command in it again
    # is harmless.
    flask_migrate_cli.db.add_command(upgrade_after_backup)
