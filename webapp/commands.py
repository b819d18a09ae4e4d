"""Command-line tasks: `flask create-admin` and friends."""

from datetime import timedelta

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from . import crud
from .deploy_checks import deployment_problems
from .models import utcnow
from .passwords import password_problem


@click.command("create-admin")
@click.argument("email")
@click.password_option()
def create_admin(email: str, password: str) -> None:
    """Create an administrator account."""
    problem = password_problem(password, email)
    if problem:
        raise click.ClickException(problem)
    try:
        user = crud.create_user(email, password, is_admin=True)
    except crud.EmailTaken:
        raise click.ClickException(f"{email} is already registered.") from None
    click.echo(f"Created admin {user.email}.")


@click.command("check-deploy")
@with_appcontext
def check_deploy() -> None:
    """Report what is unsafe in the current configuration; exit status 1 if anything is."""
    problems = deployment_problems(current_app.config, current_app.debug)
    for problem in problems:
        click.echo(f"UNSAFE: {problem}")
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) found; see above.")
    click.echo("No deployment problems found.")


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
    app.cli.add_command(check_deploy)
    app.cli.add_command(purge_trash)
