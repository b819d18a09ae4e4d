"""Run the whole pytest suite once per database: SQLite, PostgreSQL and MariaDB.

SQLite always runs. A server database runs when its server answers; outside CI
an unreachable one is skipped and said so. In CI (CI=true) all three are
required: a stopped server is started with the machine's own command, and one
that still does not answer fails the run. Arguments are passed on to pytest;
TEST_DATABASES (e.g. "sqlite postgresql") picks a subset.
"""

import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYTEST_NO_TESTS_RAN = 5
SERVER_START_WAIT_S = 60


@dataclass
class Database:
    name: str
    key: str
    url: str | None = None
    start_command: str | None = None


DATABASES = [
    Database("SQLite", "sqlite"),
    Database(
        "PostgreSQL",
        "postgresql",
        os.environ.get("TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
        "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    ),
    Database(
        "MariaDB",
        "mariadb",
        os.environ.get("TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/?charset=utf8mb4"),
        "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd",
    ),
]


def reachable(url: str) -> bool:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def start_server(database: Database) -> bool:
    """Start a stopped server with the machine's command; whether it answers within a minute."""
    print(f"==> {database.name} is not reachable; starting it: {database.start_command}", flush=True)
    subprocess.run(database.start_command, shell=True, check=False)
    deadline = time.monotonic() + SERVER_START_WAIT_S
    while time.monotonic() < deadline:
        if reachable(database.url):
            return True
        time.sleep(1)
    return False


def run_pytest(database: Database, pytest_args: list[str], report: Path) -> tuple[int, dict]:
    env = dict(os.environ)
    env.pop("TEST_DATABASE_URL", None)
    if database.url:
        env["TEST_DATABASE_URL"] = database.url
    print(f"\n==> Running the suite on {database.name}", flush=True)
    command = [sys.executable, "-m", "pytest", f"--junitxml={report}", *pytest_args]
    code = subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=False).returncode
    return code, count_results(report)


def count_results(report: Path) -> dict:
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    if report.exists():
        for suite in ElementTree.parse(report).getroot().iter("testsuite"):
            for key in counts:
                counts[key] += int(suite.get(key, 0))
    return counts


def main(pytest_args: list[str]) -> int:
    in_ci = os.environ.get("CI") == "true"
    chosen = os.environ.get("TEST_DATABASES", "sqlite postgresql mariadb").split()
    outcomes: list[tuple[str, str]] = []
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    failed = False
    with tempfile.TemporaryDirectory() as reports:
        for database in (d for d in DATABASES if d.key in chosen):
            if database.url and not reachable(database.url):
                if not in_ci:
                    outcomes.append((database.name, f"NOT RUN: no server answers at {database.url}"))
                    continue
                if not start_server(database):
                    outcomes.append((database.name, f"FAILED: no server answers at {database.url}, even after starting it"))
                    failed = True
                    continue
            code, counts = run_pytest(database, pytest_args, Path(reports) / f"{database.key}.xml")
            for key in totals:
                totals[key] += counts[key]
            summary = f"{counts['tests']} tests, {counts['failures'] + counts['errors']} failed, {counts['skipped']} skipped"
            if code == 0:
                outcomes.append((database.name, f"passed ({summary})"))
            elif code == PYTEST_NO_TESTS_RAN:
                outcomes.append((database.name, "FAILED: pytest collected no tests"))
                failed = True
            else:
                outcomes.append((database.name, f"FAILED with exit code {code} ({summary})"))
                failed = True

    print("\n==> Databases the suite ran on:")
    for name, outcome in outcomes:
        print(f"    {name:<11} {outcome}")
    bad = totals["failures"] + totals["errors"]
    print(f"total: {totals['tests'] - bad - totals['skipped']} passed, {bad} failed, {totals['skipped']} skipped")
    return 1 if failed or not outcomes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
