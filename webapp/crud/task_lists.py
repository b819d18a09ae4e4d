"""Lists: every task is in exactly one of its owner's lists; the Inbox is where a task goes by default."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import INBOX_NAME, OPEN_STATUSES, Task, TaskList, User, name_key, utcnow
from .common import get_owned
from .errors import N_, InboxRequired, NameTaken


@dataclass(frozen=True)
class ListCounts:
    open: int = 0
    overdue: int = 0


def new_inbox() -> TaskList:
    return TaskList(name=INBOX_NAME, name_key=name_key(INBOX_NAME), is_inbox=True)


def list_lists(owner: User) -> list[TaskList]:
    """The owner's lists, the Inbox first, then by name."""
    return list(
        db.session.scalars(
            select(TaskList).where(TaskList.owner_id == owner.id).order_by(TaskList.is_inbox.desc(), TaskList.name_key)
        )
    )


def get_list(owner: User, list_id: int) -> TaskList:
    """The owner's list; anyone else's is NotFound, as if it did not exist."""
    task_list: TaskList = get_owned(TaskList, owner.id, list_id)
    return task_list


def get_inbox(owner: User) -> TaskList:
    return db.session.execute(
        select(TaskList).where(TaskList.owner_id == owner.id, TaskList.is_inbox.is_(True))
    ).scalar_one()


def list_or_inbox(owner: User, list_id: int | None) -> TaskList:
    """The owner's list with this id, or the Inbox when none is named."""
    return get_inbox(owner) if list_id is None else get_list(owner, list_id)


def find_list(owner: User, name: str) -> TaskList | None:
    """The owner's list of this name, in any letter case."""
    return db.session.execute(
        select(TaskList).where(TaskList.owner_id == owner.id, TaskList.name_key == name_key(name))
    ).scalar_one_or_none()


def create_list(owner: User, name: str) -> TaskList:
    task_list = TaskList(owner_id=owner.id, name=name.strip(), name_key=name_key(name))
    db.session.add(task_list)
    commit_unique_name()
    return task_list


def rename_list(owner: User, list_id: int, name: str) -> TaskList:
    task_list = get_list(owner, list_id)
    task_list.name, task_list.name_key = name.strip(), name_key(name)
    commit_unique_name()
    return task_list


def delete_list(owner: User, list_id: int) -> list[int]:
    """Delete the list, its live tasks to the trash; returns their ids, which an Undo restores.

    The tasks move to the Inbox as they go (trashed ones too), so a restored
    task lands there: its own list is gone.
    """
    task_list = get_list(owner, list_id)
    if task_list.is_inbox:
        raise InboxRequired(N_("The Inbox cannot be deleted: new tasks go there when no list is chosen."))
    inbox = get_inbox(owner)
    in_list = (Task.owner_id == owner.id, Task.list_id == task_list.id)
    trashed = list(db.session.scalars(select(Task.id).where(*in_list, Task.deleted_at.is_(None))))
    now = utcnow()
    db.session.execute(
        update(Task)
        .where(*in_list)
        .values(
            list_id=inbox.id,
            deleted_at=func.coalesce(Task.deleted_at, now),
            version=Task.version + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.delete(task_list)
    db.session.commit()
    return trashed


def count_by_list(owner: User, today: date | None = None) -> dict[int, ListCounts]:
    """Open and overdue tasks in each of the owner's lists, in one statement."""
    overdue = Task.is_overdue_on(today or owner.today())
    rows = db.session.execute(
        select(Task.list_id, func.count(), func.sum(case((overdue, 1), else_=0)))
        .where(Task.owner_id == owner.id, Task.deleted_at.is_(None), Task.status.in_(OPEN_STATUSES))
        .group_by(Task.list_id)
    )
    return {list_id: ListCounts(open=count, overdue=int(late or 0)) for list_id, count, late in rows}


def commit_unique_name() -> None:
    """Commit; NameTaken when the owner has that name already (the unique constraint decides)."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise NameTaken() from None
