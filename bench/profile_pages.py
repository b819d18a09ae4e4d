"""CPU time per request of the task list and the task page, in-process: a steady figure to compare changes.

    nice -n 5 .venv/bin/python bench/profile_pages.py [--requests 200] [--profile list|task] [--database FILE]
        [--database-url postgresql+psycopg://postgres@127.0.0.1/taskboard_profile]

Seeds a SQLite file as `make bench` does (`flask seed-demo`, 1,000 people with 100 tasks each) the first
time, and reuses it afterwards (--database, default /tmp/taskboard-profile.db). --database-url measures
on a server database instead, seeded the same way the first time (when it has no users table yet; the
database itself must exist: `createdb -h 127.0.0.1 -U postgres taskboard_profile`). Builds the app with its
production settings in this process, logs the demo admin in through the login form (CSRF on), warms up,
then times --requests GETs of the list's first 50 rows and of the admin's task pages, in turn, with
`time.process_time()`: CPU time does not count the waits that other work on a shared machine causes,
so it is steadier than wall time, and it is all the app's work since SQLite runs in the process.
A server database does its share in its own processes, outside that figure: wall time per request is
printed beside it (noisier on a shared machine; compare minimums of alternating runs), and for PostgreSQL
on this machine the CPU time of the server process serving the app's connection (from /proc).
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
from servers import DEMO_USER, demo_task_ids, process_cpu_seconds, seed_taskboard
from sqlalchemy import create_engine, inspect, text

from webapp import create_app
from webapp.demo import DEMO_PASSWORD
from webapp.extensions import db

PAGES = {"list": "/tasks/?per_page=50", "task": "/tasks/{task_id}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests of each page per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, the pages interleaved")
    parser.add_argument("--profile", choices=list(PAGES), help="profile this page instead of timing both")
    parser.add_argument("--save", type=Path, help="with --profile, also write the raw profile here (pstats)")
    parser.add_argument("--database", type=Path, default=Path("/tmp/taskboard-profile.db"))
    parser.add_argument("--database-url", help="a server database to measure on instead of the SQLite file")
    options = parser.parse_args()

    env = production_settings(options.database, options.database_url)
    if not is_seeded(env["DATABASE_URL"]):
        print(f"Seeding {env['DATABASE_URL']} ...", flush=True)
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
    server = server_process(app)
    cpu: dict[str, list[float]] = {name: [] for name in PAGES}
    wall: dict[str, list[float]] = {name: [] for name in PAGES}
    server_cpu: dict[str, list[float]] = {name: [] for name in PAGES}
    for _round in range(options.rounds):
        for name in PAGES:
            started, started_wall, started_server = time.process_time(), time.perf_counter(), server_seconds(server)
            for number in range(options.requests):
                request_page(name, number)
            cpu[name].append((time.process_time() - started) * 1000 / options.requests)
            wall[name].append((time.perf_counter() - started_wall) * 1000 / options.requests)
            server_cpu[name].append((server_seconds(server) - started_server) * 1000 / options.requests)
    for name in PAGES:
        rounds = ", ".join(f"{value:.2f}" for value in cpu[name])
        on_server = f", {min(server_cpu[name]):5.2f} ms server CPU" if server else ""
        print(
            f"{name:5} {paths[name]:22} min {min(cpu[name]):6.2f} ms CPU/request{on_server}, "
            f"{min(wall[name]):6.2f} ms wall  (CPU rounds: {rounds})"
        )


def server_process(app) -> int | None:
    """The id of the PostgreSQL process serving the app's connection (the pool's only one, requests
    being sequential), or None for SQLite."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return None
    with app.app_context():
        return db.session.scalar(text("SELECT pg_backend_pid()"))


def server_seconds(pid: int | None) -> float:
    return process_cpu_seconds(pid) if pid else 0.0


def is_seeded(database_url: str) -> bool:
    engine = create_engine(database_url)
    try:
        return inspect(engine).has_table("users")
    finally:
        engine.dispose()


def production_settings(database: Path, database_url: str | None) -> dict:
    return {
        "TASKBOARD_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url or f"sqlite:///{database}",
        "TASKBOARD_INSTANCE_PATH": str(database.parent / "taskboard-profile-instance"),
        "PREFERRED_URL_SCHEME": "http",  # the test client speaks plain HTTP: no Secure cookie
    }


def log_in(client) -> None:
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"csrf_token": token, "email": DEMO_USER, "password": DEMO_PASSWORD})
    client.get("/tasks/")  # shows (and so clears) the login flash message


if __name__ == "__main__":
    sys.exit(main())
