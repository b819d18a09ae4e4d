"""Fixtures for tests against real gunicorn servers (see servers.py)."""

import pytest

from .servers import Server, start_gunicorn, stop_gunicorn

LOAD_FIGURES = pytest.StashKey[list]()


@pytest.fixture
def gunicorn(tmp_path):
    """Starts gunicorn servers on a database; stops them all after the test."""
    servers: list[Server] = []

    def start(database_url: str, workers: int = 2, **extra_env: str) -> Server:
        servers.append(start_gunicorn(database_url, tmp_path / f"server{len(servers)}", workers, **extra_env))
        return servers[-1]

    yield start
    for server in servers:
        stop_gunicorn(server.process)


@pytest.fixture
def load_figures(request):
    """Where load tests leave their figures, printed at the end of the run."""
    return request.config.stash.setdefault(LOAD_FIGURES, [])


def pytest_terminal_summary(terminalreporter, config):
    figures = config.stash.get(LOAD_FIGURES, [])
    if figures:
        terminalreporter.section("load figures")
        for line in figures:
            terminalreporter.write_line(line)
