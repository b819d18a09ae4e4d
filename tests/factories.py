"""One factory per model, building test data the way the app does: users through the CRUD layer
(as an admin would create them), tasks and items through their pages (as their owner would)."""

from datetime import date, datetime
from types import SimpleNamespace

from helpers import PASSWORD, created_id
from sqlalchemy import insert, select

from webapp import crud
from webapp.extensions import db
from webapp.models import Comment, Reminder, Task, User


def new_user(
    app, email: str, is_admin: bool = False, password: str = PASSWORD, email_verified: bool = True
) -> SimpleNamespace:
    """An account as people have it after registering (its email confirmed, unless told otherwise);
    its id, email and admin flag, readable after the app context has ended."""
    with app.app_context():
        user = crud.create_user(email, password, is_admin=is_admin, email_verified=email_verified)
        return SimpleNamespace(id=user.id, email=user.email, is_admin=user.is_admin)


def set_zone(app, user, zone: str) -> None:
    """Put the person in this IANA time zone, as the account page does."""
    with app.app_context():
        crud.set_time_zone(db.session.get(User, user.id), zone)


def new_notification(app, user, text: str = "Water the plants: due today", task_id: int | None = None) -> int:
    """A notification for this person, as a reminder or a colleague would leave one; its id."""
    with app.app_context():
        task = crud.get_task(db.session.get(User, task_id and user.id), task_id) if task_id else None
        notification = crud.notify(db.session.get(User, user.id), "reminder", task, text)
        db.session.commit()
        return notification.id


def new_due_reminders(app, user, count: int, fire_at: datetime) -> None:
    """`count` tasks of this person in their Inbox, each with one reminder due at `fire_at` (naive UTC), written
    in two bulk statements: a load test's worth, faster than through the pages."""
    with app.app_context():
        inbox = crud.get_inbox(db.session.get(User, user.id))
        db.session.execute(
            insert(Task), [{"owner_id": user.id, "list_id": inbox.id, "title": f"Due {n:04}"} for n in range(count)]
        )
        task_ids = db.session.scalars(select(Task.id).where(Task.owner_id == user.id).order_by(Task.id)).all()
        db.session.execute(
            insert(Reminder),
            [
                {"task_id": task_id, "user_id": user.id, "remind_at": fire_at, "fire_at": fire_at}
                for task_id in task_ids
            ],
        )
        db.session.commit()


def new_comment(app, person, task_id: int, body: str = "Done by Friday?") -> int:
    """A comment this person wrote on the task, stored as it is (they may since have lost the right to write
    one, as a demoted editor has); its id."""
    with app.app_context():
        comment = Comment(task_id=task_id, author_id=person.id, body=body, created_at=crud.comments.now_utc())
        db.session.add(comment)
        db.session.commit()
        return comment.id


def new_api_token(app, user) -> str:
    """A personal API token of this account; its secret."""
    with app.app_context():
        return crud.create_api_token(crud.get_user(user.id), "script")[1]


def post_task(
    client, title="Water the plants", status="pending", due_date: date | str | None = None, description="", **fields
):
    """Send the New task form; the page's answer (a redirect, or the form with its errors)."""
    due = due_date.isoformat() if isinstance(due_date, date) else due_date or ""
    data = {"title": title, "description": description, "status": status, "due_date": due, **fields}
    return client.post("/tasks/new", data=data)


def new_task(
    client, title="Water the plants", status="pending", due_date: date | str | None = None, description=""
) -> int:
    """A task made with the New task form; its id."""
    return created_id(post_task(client, title, status, due_date, description))


def new_item(client, title="Desk lamp", description="") -> int:
    """An item made with the New item form; its id."""
    return created_id(client.post("/items/new", data={"title": title, "description": description}))


def repeat(frequency: str, **fields) -> dict:
    """The task form's repeat fields, e.g. repeat("WEEKLY", interval=2, weekdays=[0, 3]), for post_task."""
    return {"repeat_frequency": frequency, **{f"repeat_{name}": value for name, value in fields.items()}}
