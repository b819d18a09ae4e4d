r"""Moving house: SQLite → PostgreSQL → MariaDB → SQLite with 100,000 tasks, through `flask dump` and `flask load`.

The trip runs once, in the MariaDB pass of `make test` (it needs every server, whichever pass runs it;
that pass has no coverage tracing to slow its seeding and reading of 100,000 rows, and no browser suite,
so the three passes end closer together), with the real commands in their own processes, so that their
time and peak memory are what a person would see. To run it by hand, point TEST_DATABASE_URL at MariaDB:

    TEST_DATABASE_URL='mysql+pymysql://root@127.0.0.1:3306/?charset=utf8mb4' \
        .venv/bin/python -m pytest tests/operations/test_round_trip.py
"""

import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import flask_migrate
import pytest
from databases import create_database, drop_database
from helpers import PASSWORD, make_app
from run_all_databases import reachable

from webapp import crud
from webapp.demo import DEMO_PASSWORD, demo_email, seed_demo
from webapp.extensions import db

from .archives import every_row
from .table_filler import fill_every_table

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TASKS = 100_000
SERVERS = {
    "PostgreSQL": os.environ.get("TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
    "MariaDB": os.environ.get("TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/?charset=utf8mb4"),
}
TRIP_FIGURES = pytest.StashKey[list]()


@dataclass
class Trip:
    archives: dict[str, Path] = field(default_factory=dict)
    rows_before: dict = field(default_factory=dict)
    rows_after: dict = field(default_factory=dict)
    final_url: str = ""
    figures: list[str] = field(default_factory=list)


# `flask`, reporting its peak memory as it exits. The kernel's figure for a child (ru_maxrss) would
# include this big test process it was forked from; VmHWM is the command's own, counted from exec.
FLASK_WITH_PEAK = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    hwm = [line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')]\n"
    "    print('peak-kib', hwm[0])\n"
    "atexit.register(peak)\n"
    "sys.argv[0] = 'flask'\n"
    "runpy.run_module('flask', run_name='__main__')\n"
)


def flask(database_url: str, *args: str, instance: Path) -> tuple[float, int]:
    """Run `flask --app wsgi ARGS` on the database; its seconds and peak memory (KiB)."""
    env = dict(os.environ, TASKBOARD_CONFIG="testing", DATABASE_URL=database_url, TASKBOARD_INSTANCE_PATH=str(instance))
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-c", FLASK_WITH_PEAK, "--app", "wsgi", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    assert finished.returncode == 0, f"flask {' '.join(args)} failed:\n{finished.stdout}"
    return seconds, int(finished.stdout.rsplit("peak-kib ", 1)[1].split()[0])


def require_servers() -> None:
    for name, url in SERVERS.items():
        if not reachable(url):
            message = f"the round trip needs {name}, and no server answers at {url}"
            if os.environ.get("CI") == "true":
                pytest.fail(message)
            pytest.skip(message)


@pytest.fixture(scope="module")
def trip(tmp_path_factory, request, backend):
    """The whole trip, once: seed SQLite, then dump and load from each database into the next."""
    if backend != "mysql":
        pytest.skip("runs once, in the MariaDB pass")
    require_servers()
    folder = tmp_path_factory.mktemp("trip")
    stops = [("SQLite", None), *SERVERS.items(), ("SQLite again", None)]
    urls = [create_database(server, folder) for _, server in stops]
    trip = Trip()
    try:
        first = make_app(urls[0])
        with first.app_context():
            flask_migrate.upgrade()
            with db.engine.begin() as connection:
                fill_every_table(connection)
            seed_demo(users=1_000, tasks_per_user=TASKS // 1_000, items_per_user=1, seed=18)
            trip.rows_before = every_row()
            db.engine.dispose()
        rows = sum(len(table_rows) for table_rows in trip.rows_before.values())
        trip.figures.append(f"round trip: {rows:,} rows ({len(trip.rows_before['tasks']):,} tasks)")
        started = time.perf_counter()
        for number, ((name, _), url) in enumerate(zip(stops, urls, strict=True)):
            if number:
                flask(url, "db", "upgrade", instance=folder)
                seconds, peak = flask(url, "load", str(trip.archives[stops[number - 1][0]]), instance=folder)
                trip.figures.append(f"  flask load into {name}: {seconds:.1f} s, peak memory {peak / 1024:.0f} MiB")
            path = folder / f"{name}.zip"
            seconds, peak = flask(url, "dump", str(path), instance=folder)
            trip.archives[name] = path
            trip.figures.append(
                f"  flask dump from {name}: {seconds:.1f} s, peak memory {peak / 1024:.0f} MiB, "
                f"{path.stat().st_size / 2**20:.1f} MiB archive"
            )
        trip.figures.append(f"  the whole trip, migrations included: {time.perf_counter() - started:.0f} s")
        trip.final_url = urls[-1]
        last = make_app(trip.final_url)
        with last.app_context():
            trip.rows_after = every_row()
            db.engine.dispose()
        request.config.stash.setdefault(TRIP_FIGURES, []).extend(trip.figures)
        print("\n".join(trip.figures))
        yield trip
    finally:
        for url in urls:
            drop_database(url)


def table_files(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as opened:
        return {name: opened.read(name) for name in opened.namelist() if name.startswith("tables/")}


def test_every_row_arrives_identical_after_sqlite_postgresql_mariadb_and_back(trip):
    assert len(trip.rows_before["tasks"]) >= TASKS
    assert trip.rows_after == trip.rows_before
    first, *others = trip.archives.values()
    for archive in others:
        assert table_files(archive) == table_files(first), archive.name


def test_people_log_in_with_their_old_passwords_after_the_trip(trip):
    app = make_app(trip.final_url)
    with app.app_context():
        assert crud.authenticate(demo_email(1), DEMO_PASSWORD).is_admin
        assert crud.authenticate(demo_email(500), DEMO_PASSWORD) is not None
        assert crud.authenticate("filled1@example.com", PASSWORD) is not None
        assert crud.authenticate(demo_email(500), "not the password") is None
        db.engine.dispose()
