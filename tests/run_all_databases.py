"""Run the whole pytest suite once per database: SQLite, PostgreSQL and MariaDB.

SQLite always runs. A server database runs when its server answers; outside CI
an unreachable one is skipped and said so. In CI (CI=true) all three are
required: a stopped server is started with the machine's own command, and one
that still does not answer fails the run. Arguments are passed on to pytest;
TEST_DATABASES (e.g. "sqlite postgresql") picks a subset.

The passes run side by side, each pytest writing to a file of its own; each
one's output is printed whole, in the order above, once it is done. A pass
keeps about one core busy, so on two cores the three together take about a
third less time than one after the other.

Each pass's line in the summary ends with its wall time and the CPU time it used (its pytest and
every process that pytest started and waited for: gunicorn, Chromium, flask commands), the steadier
figure on a shared machine.

The browser suite, which no database changes, runs in one pass only: the
PostgreSQL pass when it runs (production's database), else SQLite's.

With MEASURE_COVERAGE=1 (`make coverage`) the SQLite pass also measures
branch coverage of webapp/ and fails below the floor below (COVERAGE_FLOOR,
percent); its HTML report goes to test-artifacts/coverage/ (the path is printed
at the end). Tracing makes that pass about 1.7 times as long, so `make test`
leaves it to `make coverage`, which .ci/run runs after it.
"""

import os
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYTEST_NO_TESTS_RAN = 5
COUNTS = ("tests", "failures", "errors", "skipped")
SERVER_START_WAIT_S = 60
COVERAGE_FLOOR = 90
COVERAGE_REPORT = PROJECT_ROOT / "test-artifacts" / "coverage"
# Coverage is measured once, in the SQLite pass: the other passes run the same code.
MEASURE_COVERAGE = os.environ.get("MEASURE_COVERAGE") == "1"
COVERAGE_ARGS = [
    "--cov=webapp",
    f"--cov-fail-under={COVERAGE_FLOOR}",
    "--cov-report=term:skip-covered",
    f"--cov-report=html:{COVERAGE_REPORT}",
]


@dataclass
class Database:
    name: str
    key: str
    url: str | None = None
    start_command: str | None = None


@dataclass
class Outcome:
    """How the suite went on one database: its line in the summary, and its junit counts."""

    text: str
    ok: bool
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))


class Pass(threading.Thread):
    """One running pytest, waited for as soon as it ends: its exit code, wall time and CPU time."""

    def __init__(self, process: subprocess.Popen):
        super().__init__(daemon=True)
        self.process = process
        self.started = time.monotonic()
        self.took = ""
        self.start()

    def run(self) -> None:
        _, status, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - self.started
        self.took = f"in {seconds:.0f} s, {usage.ru_utime + usage.ru_stime:.0f} s of CPU"

    def finish(self) -> tuple[int, str]:
        self.join()
        return self.process.returncode, self.took


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


def start_pytest(database: Database, pytest_args: list[str], directory: Path, browser_pass: str) -> Pass:
    """Start the suite on one database; its output goes to <key>.log, its report to <key>.xml."""
    env = dict(os.environ)
    env.pop("TEST_DATABASE_URL", None)
    if database.url:
        env["TEST_DATABASE_URL"] = database.url
    env["TEST_PASS"] = database.key
    env["TEST_BROWSER_PASS"] = browser_pass
    coverage = COVERAGE_ARGS if MEASURE_COVERAGE and database.key == "sqlite" else []
    command = [
        sys.executable,
        "-m",
        "pytest",
        f"--junitxml={directory / f'{database.key}.xml'}",
        *coverage,
        *pytest_args,
    ]
    with (directory / f"{database.key}.log").open("w") as log:
        return Pass(subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))


def finish_pytest(database: Database, run: Pass, directory: Path) -> Outcome:
    """Wait for one pass and print its output whole."""
    code, took = run.finish()
    print(f"\n==> The suite on {database.name}", flush=True)
    print((directory / f"{database.key}.log").read_text(errors="replace"), end="", flush=True)
    counts = count_results(directory / f"{database.key}.xml")
    summary = f"{counts['tests']} tests, {counts['failures'] + counts['errors']} failed, {counts['skipped']} skipped"
    if code == 0:
        return Outcome(f"passed ({summary}) {took}", True, counts)
    if code == PYTEST_NO_TESTS_RAN:
        return Outcome("FAILED: pytest collected no tests", False, counts)
    return Outcome(f"FAILED with exit code {code} ({summary}) {took}", False, counts)


def count_results(report: Path) -> dict:
    counts = dict.fromkeys(COUNTS, 0)
    if report.exists():
        for suite in ElementTree.parse(report).getroot().iter("testsuite"):
            for key in counts:
                counts[key] += int(suite.get(key, 0))
    return counts


def pass_for_browser_suite(keys: list[str]) -> str:
    """The one pass that runs the browser suite (see the module's docstring), or "none"."""
    if MEASURE_COVERAGE:  # coverage traces this process only, not the gunicorn a browser walk drives
        return "none"
    if "postgresql" in keys:
        return "postgresql"
    return keys[0] if keys else "none"


def main(pytest_args: list[str]) -> int:
    in_ci = os.environ.get("CI") == "true"
    chosen = [d for d in DATABASES if d.key in os.environ.get("TEST_DATABASES", "sqlite postgresql mariadb").split()]
    outcomes: dict[str, Outcome] = {}
    runs: dict[str, Pass] = {}
    answering = []
    for database in chosen:
        if database.url and not reachable(database.url):
            if not in_ci:
                outcomes[database.key] = Outcome(f"NOT RUN: no server answers at {database.url}", True)
                continue
            if not start_server(database):
                outcomes[database.key] = Outcome(
                    f"FAILED: no server answers at {database.url}, even after starting it", False
                )
                continue
        answering.append(database)
    browser_pass = pass_for_browser_suite([database.key for database in answering])
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        for database in answering:
            runs[database.key] = start_pytest(database, pytest_args, directory, browser_pass)
        names = ", ".join(d.name for d in chosen if d.key in runs)
        together = " side by side; the output of each follows when it is done" if len(runs) > 1 else ""
        print(f"==> Running the suite on {names}{together}", flush=True)
        for database in (d for d in chosen if d.key in runs):
            outcomes[database.key] = finish_pytest(database, runs[database.key], directory)

    print("\n==> Databases the suite ran on:")
    for database in (d for d in chosen if d.key in outcomes):
        print(f"    {database.name:<11} {outcomes[database.key].text}")
    total = {key: sum(outcome.counts[key] for outcome in outcomes.values()) for key in COUNTS}
    bad = total["failures"] + total["errors"]
    print(f"total: {total['tests'] - bad - total['skipped']} passed, {bad} failed, {total['skipped']} skipped")
    if MEASURE_COVERAGE and "sqlite" in runs:
        print(f"Coverage of webapp/ (SQLite pass): {COVERAGE_REPORT / 'index.html'}")
    return 0 if outcomes and all(outcome.ok for outcome in outcomes.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
