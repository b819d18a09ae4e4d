"""`flask dump`, `flask load`, `flask backup` and `flask restore`: errors become a message and exit status 1."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from . import portable
from .archive import ArchiveError, Manifest
from .files import CannotWrite

PATH = click.Path(dir_okay=False, path_type=Path)


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
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@with_appcontext
def load_command(path: Path) -> None:
    """Load the archive PATH into this empty database, keeping every id."""
    with reported_as_click_errors():
        manifest = portable.load(path)
    click.echo(f"Loaded {rows_in(manifest)} from {path}.")


COMMANDS: list[Callable] = [dump_command, load_command]


def register(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)  # type: ignore[arg-type]
