"""Command-line tasks: `flask create-admin` and friends."""

import click
from flask import Flask

from . import crud
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


def register_commands(app: Flask) -> None:
    app.cli.add_command(create_admin)
