"""Command-line tasks: `flask create-admin` and friends."""

import time
from datetime import timedelta

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from . import crud
from .demo import DEMO_PASSWORD, DemoDataPresent, demo_email, seed_demo
from .deploy_checks import deployment_problems
from .extensions import db
from .mail import external_url
from .models import User, utcnow
from .operations import commands as operations_commands
from .passwords import password_problem
from .scheduler import scheduler_command


@click.command("create-admin")
@click.argument("email")
@click.password_option()
def create_admin(email: str, password: str) -> None:
    """Create an administrator account."""
    problem = password_problem(password, email)
    if problem:
        raise click.ClickException(problem)
    try:
        user = crud.create_user(email, password, is_admin=True, email_verified=True)
    except crud.EmailTaken:
        raise click.ClickException(f"{email} is already registered.") from None
    click.echo(f"Created admin {user.email}.")


@click.command("check-deploy")
@with_appcontext
def check_deploy() -> None:
    """Report what is unsafe in the current configuration; exit status 1 if anything is."""
    problems = deployment_problems(current_app.config, current_app.debug, registration_mode_in_force())
    for problem in problems:
        click.echo(f"UNSAFE: {problem}")
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) found; see above.")
    click.echo("No deployment problems found.")


def registration_mode_in_force() -> str:
    try:
        return crud.registration_mode(current_app.config["REGISTRATION"])
    except SQLAlchemyError:  # before the first `db upgrade` there are no settings yet
        db.session.rollback()
        return str(current_app.config["REGISTRATION"])


@click.command("seed-demo")
@click.option("--users", default=1000, show_default=True, type=click.IntRange(min=1))
@click.option("--tasks-per-user", default=100, show_default=True, type=click.IntRange(min=0))
@click.option("--items-per-user", default=10, show_default=True, type=click.IntRange(min=0))
@click.option("--seed", default=0, show_default=True, help="Random seed: the same seed gives the same data.")
@with_appcontext
def seed_demo_command(users: int, tasks_per_user: int, items_per_user: int, seed: int) -> None:
    """Fill the database with demo users, items and tasks."""
    total = users * (1 + tasks_per_user + items_per_user)
    started = time.perf_counter()
    with click.progressbar(length=total, label="Seeding demo data") as bar:
        try:
            written = seed_demo(users, tasks_per_user, items_per_user, seed, on_progress=bar.update)
        except DemoDataPresent as error:
            raise click.ClickException(str(error)) from None
    seconds = time.perf_counter() - started
    click.echo(f"Wrote {written:,} rows in {seconds:.1f} s ({written / seconds:,.0f} rows/s).")
    click.echo(
        f"Log in as {demo_email(1)} (admin) or demo2..demo{users}@example.com with the password {DEMO_PASSWORD!r}."
    )


@click.command("purge-trash")
@with_appcontext
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Delete tasks that have been in the trash longer than this many days.",
)
def purge_trash(days: int) -> None:
    """Delete for good the tasks that have been in the trash for more than DAYS days."""
    deleted = crud.purge_trash(deleted_before=utcnow() - timedelta(days=days))
    click.echo(f"Deleted {deleted} task(s) that had been in the trash for more than {days} days.")


def account_for(email: str) -> User:
    user = crud.get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account has the email {email}.")
    return user


@click.command("reset-password")
@click.argument("email")
@with_appcontext
def reset_password(email: str) -> None:
    """Print a one-time link (valid 60 minutes) to choose a new password, for instances without mail."""
    requested = crud.request_password_reset(email)
    if requested is None:
        raise click.ClickException(f"No active account has the email {email}.")
    _, secret = requested
    click.echo(external_url("password_reset.choose", secret=secret))


@click.command("reset-2fa")
@click.argument("email")
@with_appcontext
def reset_two_factor(email: str) -> None:
    """Switch two-factor login off for an account whose owner lost their phone and recovery codes."""
    user = account_for(email)
    crud.reset_two_factor(user)
    click.echo(f"Two-factor login is off for {email}; their sessions have ended. They log in with the password alone.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(create_admin)
    app.cli.add_command(check_deploy)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(purge_trash)
    operations_commands.register(app)
    app.cli.add_command(reset_password)
    app.cli.add_command(reset_two_factor)
    app.cli.add_command(scheduler_command)
