"""Tasks: the to-dos people keep, with optimistic locking on edits."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..models import Task, TaskStatus, User, utcnow
from .common import commit_versioned, get_owned, paginate
from .errors import NotFound, StaleEdit


def create_task(
    owner: User,
    title: str,
    description: str | None = None,
    status: TaskStatus = TaskStatus.PENDING,
    due_date: date | None = None,
) -> Task:
    task = Task(owner_id=owner.id, title=title, description=description or None, due_date=due_date)
    _set_status(task, status)
    db.session.add(task)
    db.session.commit()
    return task


def get_task(owner: User, task_id: int) -> Task:
    return get_owned(Task, owner, task_id)


def list_tasks(
    owner: User,
    page: int = 1,
    per_page: int = 25,
    status: TaskStatus | None = None,
    q: str | None = None,
    skip: int | None = None,
):
    """The owner's tasks, newest first, optionally of one status or matching a search."""
    statement = select(Task).where(Task.owner_id == owner.id)
    if status is not None:
        statement = statement.where(Task.status == status)
    if q:
        statement = statement.where(
            Task.title.icontains(q, autoescape=True) | Task.description.icontains(q, autoescape=True)
        )
    return paginate(statement.order_by(Task.created_at.desc(), Task.id.desc()), page, per_page, skip)


def update_task(
    owner: User,
    task_id: int,
    version: int,
    title: str,
    description: str | None,
    status: TaskStatus,
    due_date: date | None,
) -> Task:
    """Save an edit made from `version`; raises StaleEdit if the task moved on since."""
    task = get_task(owner, task_id)
    if task.version != version:
        raise StaleEdit(task)
    task.title = title
    task.description = description or None
    task.due_date = due_date
    _set_status(task, status)
    return commit_versioned(task, reload=lambda: get_task(owner, task_id))


def complete_task(owner: User, task_id: int) -> Task:
    task = get_task(owner, task_id)
    _set_status(task, TaskStatus.COMPLETED)
    return commit_versioned(task, reload=lambda: get_task(owner, task_id))


def delete_task(owner: User, task_id: int) -> None:
    db.session.delete(get_task(owner, task_id))
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise NotFound("Task not found") from None


def _set_status(task: Task, status: TaskStatus | str) -> None:
    status = TaskStatus(status)
    if status is TaskStatus.COMPLETED and task.status is not TaskStatus.COMPLETED:
        task.completed_at = utcnow()
    elif status is not TaskStatus.COMPLETED:
        task.completed_at = None
    task.status = status
