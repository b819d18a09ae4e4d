"""Fixtures for the operations tests: more databases at the current schema, and the CLI."""

import flask_migrate
import pytest
from click.testing import Result
from helpers import make_app

from webapp.extensions import db


@pytest.fixture
def migrated_app(new_database):
    """Makes apps on new, empty databases at the newest schema revision."""
    apps = []

    def make(**overrides):
        app = make_app(new_database(), **overrides)
        with app.app_context():
            flask_migrate.upgrade()
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def flask_cli():
    """Runs a `flask` command against an app; returns click's result."""

    def run(app, *args: str) -> Result:
        return app.test_cli_runner().invoke(args=list(args))

    return run


def pytest_terminal_summary(terminalreporter, config):
    from .test_round_trip import TRIP_FIGURES

    figures = config.stash.get(TRIP_FIGURES, [])
    if figures:
        terminalreporter.section("round trip figures")
        for line in figures:
            terminalreporter.write_line(line)
