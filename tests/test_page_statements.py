"""Pages run a constant, small number of SQL statements, however much data there is.

A page whose statement count grows with its rows (one query per user to load
its items, say) is slow long before anyone notices; counting statements
catches it without timing anything.
"""

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from factories import new_comment
from sqlalchemy import event, select

from webapp import crud
from webapp.demo import DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import Task, User

TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}


@contextmanager
def counted_statements(app):
    """Collects the SQL of every query the app's engine runs inside the block.

    Transaction control (BEGIN, COMMIT) is left out: whether it is sent as a
    statement differs between databases and drivers.
    """
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.split()[0].upper() not in TRANSACTION_CONTROL:
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def seeded_admin_client(app, users: int, items_per_user: int, tasks_per_user: int = 3):
    result = app.test_cli_runner().invoke(
        args=[
            "seed-demo",
            "--users",
            str(users),
            "--tasks-per-user",
            str(tasks_per_user),
            "--items-per-user",
            str(items_per_user),
        ]
    )
    assert result.exit_code == 0, result.output
    client = app.test_client()
    client.post("/login", data={"email": "demo1@example.com", "password": DEMO_PASSWORD})
    client.get("/tasks/")  # clears the login message
    return client


def statements_for(app, client, method: str, path: str, **kwargs) -> list[str]:
    with counted_statements(app) as statements:
        response = getattr(client, method)(path, **kwargs)
    assert response.status_code in (200, 302), response.status_code
    return statements


@pytest.mark.parametrize("users, items_per_user", [(2, 1), (25, 12)])
def test_the_users_page_loads_every_listed_users_items_in_one_statement(app, users, items_per_user):
    client = seeded_admin_client(app, users, items_per_user)
    for n in range(users // 2):
        client.post("/users/invitations", data={"email": f"guest{n}@example.com"})
    statements = statements_for(app, client, "get", "/users/")
    # The logged-in user with its bell's unread count, the navigation's lists, the page of users, their total,
    # their items' titles, the registration mode, and the open invitations with who made them.
    assert len(statements) == 7, statements
    assert client.get("/users/").text.count('<td class="task-title">') == min(users, 20)


@pytest.mark.parametrize("tasks_per_user", [20, 150])
@pytest.mark.parametrize(
    "path, expected",
    [
        # The user with the bell's unread count, the navigation's lists, the labels and the people to filter by,
        # the counts at a glance (their sum is the list's total), the page's rows, their labels and assignees.
        ("/tasks/?per_page=10&page=2", 8),
        # A filtered list counts its own total as well.
        ("/tasks/?status=pending&sort=title&per_page=10&page=2", 9),
    ],
)
def test_the_task_list_runs_the_same_few_statements_however_many_tasks(app, tasks_per_user, path, expected):
    client = seeded_admin_client(app, 2, 0, tasks_per_user)
    statements = statements_for(app, client, "get", path)
    assert len(statements) == expected, statements


def first_owned_task_id(app) -> int:
    with app.app_context():
        return db.session.execute(
            select(Task.id).join(User).where(User.email == "demo1@example.com").limit(1)
        ).scalar_one()


def edit_often(app, task_id: int, edits: int) -> None:
    """Give the task a history of this many changes (and as many older ones as the page shows)."""
    with app.app_context():
        user = crud.get_user_by_email("demo1@example.com")
        for edit in range(edits):
            task = crud.get_task(user, task_id)
            crud.update_task(user, task, {"title": f"Edit {edit}"}, expected_version=task.version)


@pytest.mark.parametrize("users, edits", [(1, 0), (30, 45)])
def test_a_task_page_runs_seven_statements_however_long_its_history(app, users, edits):
    client = seeded_admin_client(app, users, 0)
    task_id = first_owned_task_id(app)
    edit_often(app, task_id, edits)
    statements = statements_for(app, client, "get", f"/tasks/{task_id}")
    # The user and the bell's count, the task with its list and labels, its reminders, assignees and comments
    # (counted), the navigation, and the newest events of its history with their actors.
    assert len(statements) == 7, statements


def test_the_signed_in_account_and_the_bells_count_come_in_one_round_trip(app):
    client = seeded_admin_client(app, 2, 0)
    statements = statements_for(app, client, "get", "/tasks/")
    account = statements[0]
    assert "FROM users" in account and "FROM notifications" in account, account
    assert not any("FROM notifications" in statement for statement in statements[1:]), statements


@pytest.mark.parametrize("comments", [1, 150])
def test_a_task_pages_comments_are_counted_then_read_with_their_authors_in_one_statement(app, comments):
    client = seeded_admin_client(app, 1, 0)
    task_id = first_owned_task_id(app)
    with app.app_context():
        authors = [SimpleNamespace(id=user_id) for user_id in db.session.scalars(select(User.id).order_by(User.id))]
    for n in range(comments):
        new_comment(app, authors[n % len(authors)], task_id, f"Remark {n}")
    statements = statements_for(app, client, "get", f"/tasks/{task_id}")
    # The seven of a task without comments, the count among them; then the last page's comments with their
    # authors.
    assert len(statements) == 8, statements


def test_creating_a_task_runs_the_user_the_insert_and_nothing_per_existing_task(app, backend):
    client = seeded_admin_client(app, 3, 0)
    statements = statements_for(app, client, "post", "/tasks/new", data={"title": "Counted", "status": "pending"})
    # The user; the lists and labels the form offers; the list the task goes in (the Inbox); the insert and
    # its "created" event; the form's one-time token claimed. Then the new task's id and title are read back
    # for the redirect and message, except on SQLite, which keeps the task as it wrote it rather than take
    # the write lock again to read it.
    expected = ["SELECT"] * 4 + ["INSERT"] * 3 + ([] if backend == "sqlite" else ["SELECT"])
    assert [s.split()[0] for s in statements] == expected, statements
