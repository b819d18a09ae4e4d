"""`flask seed-demo` fills a database with varied demo data people can log in to."""

from datetime import date

import flask_migrate
from helpers import make_app
from sqlalchemy import func, select

from webapp.demo import DEMO_PASSWORD
from webapp.extensions import db
from webapp.models import EventKind, Item, Task, TaskEvent, TaskStatus, User


def seed(app, *args):
    return app.test_cli_runner().invoke(args=["seed-demo", *args])


def test_seeding_writes_the_requested_numbers_of_users_items_and_tasks(app):
    result = seed(app, "--users", "12", "--tasks-per-user", "30", "--items-per-user", "3")
    assert result.exit_code == 0, result.output
    assert "Wrote 768 rows" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 12
        assert db.session.scalar(select(func.count()).select_from(Item)) == 36
        # Each task's history starts with its owner creating it, as a real task's does.
        created = select(TaskEvent.task_id, TaskEvent.actor_id).where(TaskEvent.kind == EventKind.CREATED)
        assert sorted(db.session.execute(created).all()) == sorted(
            db.session.execute(select(Task.id, Task.owner_id)).all()
        )
        per_owner = db.session.execute(select(func.count()).select_from(Task).group_by(Task.owner_id)).scalars().all()
        assert per_owner == [30] * 12


def test_the_tasks_vary_like_real_ones(app):
    assert seed(app, "--users", "5", "--tasks-per-user", "60", "--items-per-user", "0").exit_code == 0
    with app.app_context():
        tasks = db.session.execute(select(Task)).scalars().all()
    assert {task.status for task in tasks} == set(TaskStatus)
    assert any(task.due_date is None for task in tasks)
    assert any(task.is_overdue_on(date.today()) for task in tasks)
    assert any(task.due_date and task.due_date > task.created_at.date() for task in tasks)
    assert all((task.completed_at is not None) == (task.status is TaskStatus.COMPLETED) for task in tasks)
    assert any("<" in task.title + (task.description or "") for task in tasks)
    assert len({task.title for task in tasks}) > 50


def test_demo_users_log_in_with_the_documented_password_and_the_first_is_an_admin(app):
    assert seed(app, "--users", "3", "--tasks-per-user", "2", "--items-per-user", "1").exit_code == 0
    client = app.test_client()
    response = client.post("/login", data={"email": "demo1@example.com", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert "demo3@example.com" in client.get("/users/").text
    other = app.test_client()
    other.post("/login", data={"email": "demo2@example.com", "password": DEMO_PASSWORD})
    assert other.get("/users/").status_code == 403
    assert other.get("/tasks/").status_code == 200


def test_the_same_seed_gives_the_same_data(app, tmp_path):
    other = make_app(f"sqlite:///{tmp_path}/other.db")
    with other.app_context():
        flask_migrate.upgrade()
    titles = []
    for target in (app, other):
        assert seed(target, "--users", "2", "--tasks-per-user", "5", "--seed", "7").exit_code == 0
        with target.app_context():
            titles.append(db.session.execute(select(Task.title).order_by(Task.id)).scalars().all())
            db.engine.dispose()
    assert titles[0] == titles[1]


def test_seeding_twice_stops_with_a_clear_message_and_adds_nothing(app):
    assert seed(app, "--users", "2", "--tasks-per-user", "1", "--items-per-user", "0").exit_code == 0
    again = seed(app, "--users", "2", "--tasks-per-user", "1", "--items-per-user", "0")
    assert again.exit_code != 0
    assert "already present" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 2
