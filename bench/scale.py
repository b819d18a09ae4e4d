"""Scale check: is the task list as fast for a user with 100,000 tasks as for one with 100?

Seeds 1,000,000 tasks (9,000 demo users with 100 each, and demo2 with 100,000;
demo2's tasks spread over 50 lists and demo3's over 2, each with 30 labels),
then, in one process with the production configuration:
- prints the query plan of every statement the list page runs (first page,
  last page, a status filter, sorting by due date) and flags any full scan of
  `tasks` (SQLite "SCAN tasks", PostgreSQL "Seq Scan on tasks", MariaDB type ALL or index);
- times the first and the last page of the list, a list's page (filtered by a
  label too) and its board, with counts, for the heavy and for a light user,
  interleaved, and prints the medians and their ratios.

    .venv/bin/python bench/scale.py                                   # SQLite file in bench/out/
    .venv/bin/python bench/scale.py --database-url postgresql+psycopg://postgres@127.0.0.1/scale_123
    .venv/bin/python bench/scale.py --database-url "mysql+pymysql://root@127.0.0.1/scale_123?charset=utf8mb4"

A server database must exist and be empty; it is left as it is afterwards, and a
second run on it reuses the data.
"""

import argparse
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import flask_migrate  # noqa: E402
from sqlalchemy import event, select, text  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.demo import DEMO_PASSWORD, add_demo_tasks, organise_demo_tasks, seed_demo  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.models import Label, TaskList, User  # noqa: E402

HEAVY, LIGHT = "demo2@example.com", "demo3@example.com"
# How each database's EXPLAIN says it reads all of `tasks`: the table, or a whole index of it
# (MariaDB's columns: id, select_type, table, type, ...).
FULL_SCAN_OF_TASKS = {
    "sqlite": re.compile(r"\bSCAN (TABLE )?tasks\b"),
    "postgresql": re.compile(r"Seq Scan on tasks"),
    "mysql": re.compile(r"^\s*\S+ \S+ tasks (ALL|index) ", re.MULTILINE),
    "mariadb": re.compile(r"^\s*\S+ \S+ tasks (ALL|index) ", re.MULTILINE),
}
PER_PAGE = 50
LISTS, LABELS = 50, 30


def build(database_url: str):
    app = create_app(
        {
            "TASKBOARD_CONFIG": "production",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": secrets.token_hex(32),
            # The test client speaks plain HTTP: production's https default would make the session
            # cookie Secure, and the login's cookie would never come back.
            "PREFERRED_URL_SCHEME": "http",
        }
    )
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        if db.session.scalar(select(User.id).where(User.email == HEAVY)) is None:
            started = time.perf_counter()
            written = seed_demo(users=9_000, tasks_per_user=100, items_per_user=0, seed=1)
            heavy_id = db.session.scalar(select(User.id).where(User.email == HEAVY))
            written += add_demo_tasks(heavy_id, 99_900, seed=2)
            # The light user's 100 tasks in 2 lists, so that a list's first page is a full page for both.
            for email, lists in ((HEAVY, LISTS), (LIGHT, 2)):
                organise_demo_tasks(db.session.scalar(select(User.id).where(User.email == email)), lists, LABELS)
            if db.engine.dialect.name == "postgresql":
                # What autovacuum does soon after a bulk load: statistics and the visibility map.
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                    connection.execute(text("VACUUM ANALYZE tasks"))
            print(f"Seeded {written:,} rows in {time.perf_counter() - started:.0f} s")
    return app


def logged_in(app, email: str):
    client = app.test_client()
    page = client.get("/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    data = {"email": email, "password": DEMO_PASSWORD}
    if token:
        data["csrf_token"] = token.group(1)
    assert client.post("/login", data=data).status_code == 302
    client.get("/tasks/")
    return client


def last_page(client) -> int:
    pages = [int(n) for n in re.findall(r"[?&;]page=(\d+)", client.get(f"/tasks/?per_page={PER_PAGE}").text)]
    return max(pages, default=1)


def explain(app, client, paths: list[str]) -> bool:
    """Print the plan of every statement these pages run; False if any scans all of `tasks`."""
    captured = []

    def record(conn, cursor, statement, parameters, context, executemany):
        captured.append((statement, parameters))

    with app.app_context():
        engine = db.engine
        dialect = engine.dialect.name
    event.listen(engine, "before_cursor_execute", record)
    try:
        for path in paths:
            assert client.get(path).status_code == 200, path
    finally:
        event.remove(engine, "before_cursor_execute", record)

    full_scan = FULL_SCAN_OF_TASKS[dialect]
    prefix = "EXPLAIN QUERY PLAN " if dialect == "sqlite" else "EXPLAIN "
    clean = True
    with engine.connect() as connection:
        distinct = {(statement, repr(parameters)): (statement, parameters) for statement, parameters in captured}
        for statement, parameters in distinct.values():
            if " tasks" not in statement:
                continue
            rows = connection.exec_driver_sql(prefix + statement, parameters).fetchall()
            plan = "\n".join("    " + " ".join(str(column) for column in row) for row in rows)
            verdict = "FULL SCAN OF tasks" if full_scan.search(plan) else "ok"
            clean &= verdict == "ok"
            print(f"-- {verdict}\n{' '.join(statement.split())}\n{plan}\n")
    return clean


def list_paths(app, email: str) -> tuple[str, str, str]:
    """A list's page, the same list filtered by a label and sorted by priority, and its board."""
    with app.app_context():
        owner_id = db.session.scalar(select(User.id).where(User.email == email))
        list_id = db.session.scalar(
            select(TaskList.id).where(TaskList.owner_id == owner_id, TaskList.name == "Demo list 1")
        )
        label_id = db.session.scalar(select(Label.id).where(Label.owner_id == owner_id).order_by(Label.id).limit(1))
    page = f"/lists/{list_id}?per_page={PER_PAGE}"
    return page, f"{page}&label={label_id}&sort=-priority", f"/lists/{list_id}/board"


def timed(client, path: str) -> float:
    started = time.perf_counter()
    assert client.get(path).status_code == 200
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    out = ROOT / "bench" / "out"
    parser.add_argument("--database-url", default=f"sqlite:///{out / 'scale.db'}")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per case")
    args = parser.parse_args()
    out.mkdir(exist_ok=True)
    app = build(args.database_url)
    heavy, light = logged_in(app, HEAVY), logged_in(app, LIGHT)
    heavy_last, light_last = last_page(heavy), last_page(light)
    first = f"/tasks/?per_page={PER_PAGE}"
    cases = {
        "heavy first": (heavy, first),
        "heavy last": (heavy, f"{first}&page={heavy_last}"),
        "light first": (light, first),
        "light last": (light, f"{first}&page={light_last}"),
    }
    for name, paths in (("heavy", list_paths(app, HEAVY)), ("light", list_paths(app, LIGHT))):
        client = heavy if name == "heavy" else light
        for case, path in zip(("list", "list+label", "board"), paths, strict=True):
            cases[f"{name} {case}"] = (client, path)
    clean = explain(
        app,
        heavy,
        [path for client, path in cases.values() if client is heavy]
        + [f"{first}&status=pending", f"{first}&sort=due", f"{first}&sort=-due&page=1000"],
    )
    for client, path in cases.values():  # warm up
        timed(client, path)
    samples = {name: [] for name in cases}
    for _ in range(args.requests):
        for name, (client, path) in cases.items():
            samples[name].append(timed(client, path))
    p50 = {name: statistics.median(values) for name, values in samples.items()}
    for name, value in p50.items():
        print(f"{name:16} p50 {value:7.1f} ms")
    print(f"first page, 100,000 vs 100 tasks: {p50['heavy first'] / p50['light first']:.2f}× (target ≤ 1.5×)")
    print(
        f"last page ({heavy_last} of {heavy_last}) vs the light user's first: "
        f"{p50['heavy last'] / p50['light first']:.2f}× (target ≤ 2×)"
    )
    for case in ("list", "list+label", "board"):
        print(
            f"a list's {case}, 100,000 vs 100 tasks: {p50[f'heavy {case}'] / p50[f'light {case}']:.2f}× (target ≤ 1.5×)"
        )
    print("query plans:", "no full scan of tasks" if clean else "A FULL SCAN OF tasks (see above)")


if __name__ == "__main__":
    main()
