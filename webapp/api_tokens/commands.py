"""`flask api-tokens create EMAIL NAME`: a token for scripts set up from a shell."""

import click
from flask import Blueprint

from .. import crud


def register_commands(bp: Blueprint) -> None:
    @bp.cli.command("create")
    @click.argument("email")
    @click.argument("name")
    def create(email: str, name: str) -> None:
        """Create an API token for the account with EMAIL and print it (shown only this once)."""
        user = crud.get_user_by_email(email)
        if user is None:
            raise click.ClickException(f"No account has the email {email}.")
        _, secret = crud.create_api_token(user, name)
        click.echo(secret)
