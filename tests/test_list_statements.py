"""The lists page, a list's page and its board run the same statements however many tasks, lists and labels."""

import re

import pytest
from helpers import TODAY
from test_task_list_pages import OWNERS_RANGE, sqlite_plans  # noqa: F401  (a fixture)

from webapp import crud
from webapp.models import Priority, TaskStatus


def fill(client, lists: int, labels: int, tasks_per_list: int) -> int:
    """Lists, labels and tasks spread over them, each task with two labels; returns the first list's id."""
    with client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        made = [crud.create_label(owner, f"label {n}", "blue") for n in range(labels)]
        list_ids = [crud.create_list(owner, f"List {n}").id for n in range(lists)]
        rows = []
        for list_number in range(lists):
            for n in range(tasks_per_list):
                rows.append(
                    {
                        "title": f"Task {n}",
                        "description": None,
                        "status": list(TaskStatus)[n % 3],
                        "due_date": TODAY,
                        "priority": Priority(n % 5),
                        "list": f"List {list_number}",
                        "labels": [made[n % labels].name, made[(n + 1) % labels].name],
                    }
                )
        crud.import_tasks(owner, rows)
        return list_ids[0]


def statements_of(client, statements, path: str) -> list[str]:
    statements.clear()
    response = client.get(path)
    assert response.status_code == 200
    return list(statements)


@pytest.mark.parametrize(
    "path", ["/lists/", "/lists/{id}", "/lists/{id}?label={label}&priority=1&sort=-priority", "/lists/{id}/board"]
)
def test_list_pages_run_as_many_statements_for_many_tasks_as_for_few(alice_client, statements, today, path):
    few = fill(alice_client, lists=1, labels=2, tasks_per_list=3)
    with alice_client.application.app_context():
        label = crud.list_labels(crud.get_user_by_email("alice@example.com"))[0].id
    small = statements_of(alice_client, statements, path.format(id=few, label=label))
    with alice_client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        for n in range(8):
            crud.create_label(owner, f"extra {n}", "red")
        for n in range(6):
            crud.create_list(owner, f"Extra {n}")
        crud.import_tasks(
            owner,
            [
                {
                    "title": f"More {n}",
                    "description": None,
                    "status": list(TaskStatus)[n % 3],
                    "due_date": None,
                    "priority": Priority(n % 5),
                    "list": "List 0",
                    "labels": [f"extra {n % 8}", "label 0"],
                }
                for n in range(120)
            ],
        )
    large = statements_of(alice_client, statements, path.format(id=few, label=label))
    assert len(large) == len(small), large
    # The labels of every task shown come in one statement.
    assert sum(statement.startswith("SELECT task_labels.task_id") for statement in large) <= 1


def test_the_lists_page_counts_every_list_in_one_statement(alice_client, statements, today):
    fill(alice_client, lists=5, labels=2, tasks_per_list=4)
    queries = statements_of(alice_client, statements, "/lists/")
    counts = [statement for statement in queries if re.search(r"count\(", statement, re.I)]
    # The bell's unread count, read with the signed-in account, and the lists' counts.
    assert len(counts) == 2 and "FROM notifications" in counts[0] and "FROM tasks" in counts[1], queries


LIST_RANGE = re.compile(r"SEARCH tasks USING (COVERING )?INDEX ix_tasks_list_id \(list_id=\?")


def test_a_lists_pages_read_only_the_owners_range_of_an_index(alice_client, sqlite_plans, today):  # noqa: F811
    first = fill(alice_client, lists=2, labels=3, tasks_per_list=30)
    with alice_client.application.app_context():
        label = crud.list_labels(crud.get_user_by_email("alice@example.com"))[0].id
    for path in (
        f"/lists/{first}",
        f"/lists/{first}?label={label}&priority=2&sort=-priority&page=2&per_page=10",
        f"/lists/{first}/board",
        "/lists/",
        f"/tasks/?list={first}&sort=due",
    ):
        assert alice_client.get(path).status_code == 200
    task_plans = [(statement, plan) for statement, plan in sqlite_plans if "FROM tasks" in statement]
    for statement, plan in task_plans:
        reads = [detail for detail in plan if re.match(r"(SCAN|SEARCH) (TABLE )?tasks\b", detail)]
        # A list is one owner's, so its range of the list_id index lies within the owner's tasks too.
        assert reads and all(OWNERS_RANGE.match(detail) or LIST_RANGE.match(detail) for detail in reads), (
            statement,
            plan,
        )
