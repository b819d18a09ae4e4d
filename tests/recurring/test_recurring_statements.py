"""Completing many repeating tasks at once runs as many statements as completing a few."""

from helpers import TODAY

from webapp import crud
from webapp.models import TaskStatus


def repeating_tasks(client, count: int) -> list[int]:
    """`count` weekly tasks, each with two labels; their ids."""
    with client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        labels = [crud.create_label(owner, f"label {count} {n}", "blue").id for n in range(2)]
        return [
            crud.create_task(owner, f"Task {n}", due_date=TODAY, label_ids=labels, recurrence="FREQ=WEEKLY").id
            for n in range(count)
        ]


def statements_completing(client, statements, ids: list[int]) -> list[str]:
    statements.clear()
    response = client.post("/tasks/bulk", data={"action": "complete", "ids": ids})
    assert response.status_code == 302
    return list(statements)


def test_a_bulk_completion_makes_every_next_occurrence_in_as_many_statements_for_many_tasks_as_for_few(
    alice_client, statements, backend
):
    few = statements_completing(alice_client, statements, repeating_tasks(alice_client, 2))
    many = statements_completing(alice_client, statements, repeating_tasks(alice_client, 20))
    if backend == "sqlite":
        # SQLAlchemy cannot batch INSERT ... RETURNING in row order on SQLite, so it inserts the new
        # occurrences and their "created" events one by one there: in-process calls, no round trips.
        # Everything else is the same.
        one_by_one = ("INSERT INTO tasks", "INSERT INTO task_events")
        few, many = ([s for s in sent if not s.startswith(one_by_one)] for sent in (few, many))
    assert len(many) == len(few), "\n".join(many)
    with alice_client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        assert crud.count_tasks(owner).by_status[TaskStatus.PENDING] == 22
