"""A shared list's pages run the same statements for its members however many tasks, members and lists."""

import pytest

from webapp import crud
from webapp.extensions import db
from webapp.models import ListRole, Priority, TaskStatus, User


def grow(app, household, tasks: int, members: int) -> None:
    """More tasks in the shared list, written by its owner and its editor, assigned to none, one or both of them,
    more members, and more lists."""
    with app.app_context():
        olivia = db.session.get(User, household.people["owner"].id)
        eddie = db.session.get(User, household.people["editor"].id)
        for n in range(tasks):
            author = olivia if n % 2 else eddie
            crud.create_task(
                author,
                f"Chore {n}",
                list_id=household.list,
                status=list(TaskStatus)[n % 3],
                priority=Priority(n % 5),
                assignees=[olivia.id, eddie.id][: n % 3],
            )
        for n in range(members):
            crud.create_user(f"member{n}@example.com", "a long enough password")
            crud.add_member(olivia, household.list, f"member{n}@example.com", ListRole.VIEWER)
        for n in range(3):
            crud.create_list(eddie, f"Eddie's list {n}")


@pytest.mark.parametrize(
    "role, path",
    [
        ("editor", "/lists/{list}"),
        ("viewer", "/lists/{list}"),
        ("editor", "/lists/{list}/board"),
        ("editor", "/lists/"),
        ("editor", "/tasks/"),
        ("editor", "/tasks/?assignee=me"),
        ("owner", "/lists/{list}/members"),
    ],
)
def test_a_shared_lists_pages_run_as_many_statements_for_many_tasks_as_for_few(
    app, household, client_of, statements, role, path
):
    with app.app_context():
        eddie = db.session.get(User, household.people["editor"].id)
        task = crud.get_task(eddie, household.task)
        crud.update_task(eddie, task, {"assignees": [eddie.id]}, expected_version=task.version)
    client = client_of(role)
    url = path.format(list=household.list)
    statements.clear()
    assert client.get(url).status_code == 200
    few = list(statements)
    grow(app, household, tasks=60, members=4)
    statements.clear()
    assert client.get(url).status_code == 200
    assert len(statements) == len(few), statements
