"""How long the task list page takes to render, and how many SQL statements it sends.

    .venv/bin/python bench/task_list_page.py [--tasks 1000] [--requests 200]

Runs the app in-process (Flask test client, no network) on a fresh SQLite file
and prints, per page size, the median and 95th-percentile time of GET /tasks/,
its CPU time per request (steadier than wall time when other work shares the machine) and the
number of SQL queries per request (transaction control left out). A number to compare, never an assertion.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate

from webapp import create_app, crud
from webapp.extensions import db

PASSWORD = "benchmark password"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    options = parser.parse_args()

    url = f"sqlite:///{tempfile.mkdtemp(prefix='taskboard-bench-')}/bench.db"
    app = create_app({"TASKBOARD_CONFIG": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        flask_migrate.upgrade()
        owner = crud.create_user("bench@example.com", PASSWORD)
        crud.import_tasks(
            owner,
            [
                {
                    "title": f"Task {n}",
                    "description": "Something to do",
                    "status": ("pending", "in_progress", "completed")[n % 3],
                    "due_date": None,
                }
                for n in range(options.tasks)
            ],
        )
        engine = db.engine
    statements = []

    def record(_connection, _cursor, statement, *_):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):  # queries only
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)

    client = app.test_client()
    client.post("/login", data={"email": "bench@example.com", "password": PASSWORD})
    print(f"{options.tasks} tasks, {options.requests} requests per row, SQLite, in-process")
    print("page                                 median ms   p95 ms   CPU ms   queries/request")
    for path in ("/tasks/?per_page=25", "/tasks/?per_page=100", "/tasks/?per_page=100&sort=due&q=task"):
        client.get(path)  # warm up templates and caches
        statements.clear()
        times = []
        cpu_started = time.process_time()
        for _ in range(options.requests):
            start = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        cpu_ms = (time.process_time() - cpu_started) * 1000 / options.requests
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{path:36} {statistics.median(times):9.2f} {p95:8.2f} {cpu_ms:9.2f}   "
            f"{len(statements) / options.requests:.0f}"
        )


if __name__ == "__main__":
    main()
