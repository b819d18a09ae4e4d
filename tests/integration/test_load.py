"""Many people at once on two gunicorn workers: every accepted write is stored, nothing fails.

Bounded in time (LOAD_SECONDS, default 8: a few thousand requests, in every pass) and in requests per client.
"""

import os
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Task, TaskStatus

from .servers import Browser, created_path, hidden_value

CLIENTS = 32
WORKERS = 2
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "8"))
MAX_ROUNDS_PER_CLIENT = 500


def client_session(browser: Browser, number: int, deadline: float, tally: Counter, failures: list, lock) -> None:
    """Create a task, open its edit form, save it in progress; repeat until the deadline."""
    seen = Counter()

    def record(response):
        seen["requests"] += 1
        if response.status_code >= 500:
            seen["5xx"] += 1
            with lock:
                failures.append(f"{response.status_code} {response.request.method} {response.request.path_url}")
        if "database is locked" in response.text:
            seen["locked"] += 1
        return response

    token = browser.csrf_token("/tasks/new")
    for round_number in range(MAX_ROUNDS_PER_CLIENT):
        if time.monotonic() >= deadline:
            break
        title = f"Client {number} task {round_number} 🚀"
        created = record(browser.post("/tasks/new", {"title": title, "status": "pending", "csrf_token": token}))
        if created.status_code != 302:
            continue
        seen["created"] += 1
        task_path = created_path(created)
        form = record(browser.get(f"{task_path}/edit"))
        if form.status_code != 200:
            continue
        saved = record(
            browser.post(
                f"{task_path}/edit",
                {
                    "title": f"{title} (edited)",
                    "status": "in_progress",
                    "version": hidden_value(form.text, "version"),
                    "csrf_token": token,
                },
            )
        )
        if saved.status_code == 302:
            seen["edited"] += 1
        if round_number % 5 == 0:
            record(browser.get("/tasks/"))
    with lock:
        tally.update(seen)


def test_32_clients_on_2_workers_lose_no_write_and_get_no_error(gunicorn, app, database_url, backend, load_figures):
    server = gunicorn(database_url, workers=WORKERS)
    browsers = [Browser(server.url) for _ in range(CLIENTS)]
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(lambda pair: pair[1].register(f"load{pair[0]}@example.com"), enumerate(browsers)))

    tally, failures, lock = Counter(), [], threading.Lock()
    started = time.monotonic()
    deadline = started + LOAD_SECONDS
    with ThreadPoolExecutor(CLIENTS) as pool:
        for future in [
            pool.submit(client_session, b, n, deadline, tally, failures, lock) for n, b in enumerate(browsers)
        ]:
            future.result()
    elapsed = time.monotonic() - started

    with app.app_context():
        stored = db.session.scalar(select(func.count()).select_from(Task))
        stored_edits = db.session.scalar(
            select(func.count()).select_from(Task).where(Task.status == TaskStatus.IN_PROGRESS)
        )
    load_figures.append(
        f"{backend}: {CLIENTS} clients, {WORKERS} workers, {elapsed:.1f} s: {tally['requests']} requests "
        f"({tally['requests'] / elapsed:.0f}/s), {tally['created']} creates and {tally['edited']} edits "
        f"accepted, {stored} tasks and {stored_edits} edits stored, {tally['5xx']} 5xx, "
        f"{tally['locked']} 'database is locked'"
    )
    log = server.log_text()
    assert tally["5xx"] == 0, (failures[:10], log[-5000:])
    assert tally["locked"] == 0 and "database is locked" not in log
    assert "Traceback" not in log, log[-5000:]
    assert tally["created"] > 0 and tally["edited"] > 0
    assert stored == tally["created"]
    assert stored_edits == tally["edited"]
    assert len(re.findall(r'"POST /tasks/new HTTP/1.1" 302', log)) == tally["created"]
