"""CPU time per request of the task list and the task page, in-process: a steady figure to compare changes.

    nice -n 5 .venv/bin/python bench/profile_pages.py [--requests 200] [--profile list|task] [--database FILE]

Seeds a SQLite file as `make bench` does (`flask seed-demo`, 1,000 people with 100 tasks each) the first
time, and reuses it afterwards (--database, default /tmp/taskboard-profile.db). Builds the app with its
production settings in this process, logs the demo admin in through the login form (CSRF on), warms up,
then times --requests GETs of the list's first 50 rows and of the admin's task pages, in turn, with
`time.process_time()`: CPU time does not count the waits that other work on a shared machine causes,
so it is steadier than wall time, and it is all the app's work since SQLite runs in the process.
--profile prints the cProfile of that page's requests instead (top functions by own and cumulative time;
--save writes it for pstats).
No network, no wrk: the figure to compare before and after a change, run back to back.
"""

import argparse
import cProfile
import os
import pstats
import re
import secrets
import sys
import time
from pathlib import Path

import flask_migrate
from servers import DEMO_USER, demo_task_ids, seed_taskboard

from webapp import create_app
from webapp.demo import DEMO_PASSWORD

PAGES = {"list": "/tasks/?per_page=50", "task": "/tasks/{task_id}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests of each page per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, the pages interleaved")
    parser.add_argument("--profile", choices=list(PAGES), help="profile this page instead of timing both")
    parser.add_argument("--save", type=Path, help="with --profile, also write the raw profile here (pstats)")
    parser.add_argument("--database", type=Path, default=Path("/tmp/taskboard-profile.db"))
    options = parser.parse_args()

    env = production_settings(options.database)
    if not options.database.exists():
        print(f"Seeding {options.database} ...", flush=True)
        print(seed_taskboard(env), flush=True)
    os.environ["TASKBOARD_INSTANCE_PATH"] = env["TASKBOARD_INSTANCE_PATH"]
    app = create_app(
        {
            "TASKBOARD_CONFIG": "production",
            "SECRET_KEY": env["SECRET_KEY"],
            "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
            "PREFERRED_URL_SCHEME": env["PREFERRED_URL_SCHEME"],
        }
    )
    with app.app_context():
        flask_migrate.upgrade()  # a database seeded before the latest migrations
    client = app.test_client()
    log_in(client)
    task_ids = demo_task_ids(env["DATABASE_URL"])
    paths = {name: path.format(task_id=task_ids[0]) for name, path in PAGES.items()}

    def request_page(name: str, number: int) -> None:
        path = paths[name] if name == "list" else PAGES["task"].format(task_id=task_ids[number % len(task_ids)])
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")

    for name in PAGES:  # warm up templates, caches and the connection pool
        for number in range(20):
            request_page(name, number)
    if options.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for number in range(options.requests):
            request_page(options.profile, number)
        profiler.disable()
        if options.save:
            profiler.dump_stats(options.save)
        stats = pstats.Stats(profiler)
        for order in ("tottime", "cumulative"):
            stats.sort_stats(order).print_stats(35)
        return
    figures: dict[str, list[float]] = {name: [] for name in PAGES}
    for _round in range(options.rounds):
        for name in PAGES:
            started = time.process_time()
            for number in range(options.requests):
                request_page(name, number)
            figures[name].append((time.process_time() - started) * 1000 / options.requests)
    for name, values in figures.items():
        rounds = ", ".join(f"{value:.2f}" for value in values)
        print(f"{name:5} {paths[name]:22} min {min(values):6.2f} ms CPU/request  (rounds: {rounds})")


def production_settings(database: Path) -> dict:
    return {
        "TASKBOARD_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": f"sqlite:///{database}",
        "TASKBOARD_INSTANCE_PATH": str(database.parent / "taskboard-profile-instance"),
        "PREFERRED_URL_SCHEME": "http",  # the test client speaks plain HTTP: no Secure cookie
    }


def log_in(client) -> None:
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"csrf_token": token, "email": DEMO_USER, "password": DEMO_PASSWORD})
    client.get("/tasks/")  # shows (and so clears) the login flash message


if __name__ == "__main__":
    sys.exit(main())
