"""Two transactions completing one occurrence at the same moment make one next occurrence, not two."""

import threading

import pytest
from helpers import TODAY
from sqlalchemy import func, select

from webapp import crud
from webapp.extensions import db
from webapp.models import Task


@pytest.fixture
def repeating_task(app, alice) -> int:
    with app.app_context():
        owner = crud.get_user(alice.id)
        return crud.create_task(owner, "Stand-up", due_date=TODAY, recurrence="FREQ=DAILY").id


def alice_account():
    return crud.get_user_by_email("alice@example.com")


def run_together(app, work) -> list[str]:
    """Run `work()` in two threads, each in its own app context (its own session and connection);
    what each ended with."""
    outcomes: list[str] = []

    def run():
        with app.app_context():
            try:
                outcomes.append(work())
            except crud.StaleEdit:
                outcomes.append("stale")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


def occurrences(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Task).where(Task.title == "Stand-up"))


def test_two_edits_completing_one_occurrence_from_the_same_version_make_one_next_occurrence(
    app, backend, repeating_task
):
    if backend == "sqlite":
        pytest.skip("SQLite runs one writing transaction at a time: the two cannot both hold version 1 open")
    both_read = threading.Barrier(2, timeout=30)

    def complete():
        task = crud.get_task(alice_account(), repeating_task)  # each transaction holds version 1 ...
        both_read.wait()  # ... before either writes
        crud.update_task(alice_account(), task, {"status": "completed"}, expected_version=1)
        return "completed"

    assert run_together(app, complete) == ["completed", "stale"]
    assert occurrences(app) == 2


def test_two_bulk_completions_of_one_occurrence_at_once_make_one_next_occurrence(app, repeating_task):
    both_ready = threading.Barrier(2, timeout=30)

    def complete():
        both_ready.wait()
        return f"{crud.set_status_of_tasks(alice_account(), [repeating_task], 'completed')} changed"

    assert run_together(app, complete) == ["0 changed", "1 changed"]
    assert occurrences(app) == 2


def test_two_completions_from_the_task_page_at_once_both_succeed_with_one_next_occurrence(app, repeating_task):
    both_ready = threading.Barrier(2, timeout=30)

    def complete():
        both_ready.wait()
        return crud.complete_task(alice_account(), repeating_task).status.value

    assert run_together(app, complete) == ["completed", "completed"]
    assert occurrences(app) == 2
