"""Command-line tasks: `flask create-admin` and friends."""

from datetime import timedelta

import click
from flask import Flask
from flask.cli import with_appcontext

from . import crud
from .forms import PASSWORD_MIN
from .models import utcnow


@click.command("create-admin")
@click.argument("email")
@click.password_option()
def create_admin(email: str, password: str) -> None:
    """Create an administrator account."""
    if len(password) < PASSWORD_MIN:
        raise click.ClickException(f"The password needs at least {PASSWORD_MIN} characters.")
    try:
        user = crud.create_user(email, password, is_admin=True)
    except crud.EmailTaken:
        raise click.ClickException(f"{email} is already registered.") from None
    click.echo(f"Created admin {user.email}.")


@click.command("purge-trash")
@with_appcontext
@click.option(
    "--days", type=click.IntRange(min=0), default=30, show_default=True,
    help="Delete tasks that have been in the trash longer than this many days.",
)
def purge_trash(days: int) -> None:
    """Delete for good the tasks that have been in the trash for more than DAYS days."""
    deleted = crud.purge_trash(deleted_before=utcnow() - timedelta(days=days))
    click.echo(f"Deleted {deleted} task(s) that had been in the trash for more than {days} days.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(create_admin)
    app.cli.add_command(purge_trash)
