"""Lists: every task is in exactly one list; the Inbox is where a person's task goes by default.

Who may see or change a list is its membership (see access); a person's Inbox is theirs alone.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import INBOX_NAME, OPEN_STATUSES, EventKind, ListMember, ListRole, Task, TaskList, User, name_key, utcnow
from .access import EDIT, MANAGE, VIEW, list_for, lists_where, member_lists, tasks_of_lists_where
from .assignees import unassign_outside
from .errors import N_, InboxRequired, NameTaken
from .history import record_each


@dataclass(frozen=True)
class ListCounts:
    open: int = 0
    overdue: int = 0


def new_list(owner: User, name: str, is_inbox: bool = False) -> TaskList:
    """A list stored under the owner, who is its first owner member (not yet added to the session)."""
    return TaskList(
        owner_id=owner.id,
        name=name.strip(),
        name_key=name_key(name),
        is_inbox=is_inbox,
        members=[ListMember(user=owner, role=ListRole.OWNER)],
    )


def new_inbox(owner: User) -> TaskList:
    return new_list(owner, INBOX_NAME, is_inbox=True)


def list_lists(user: User) -> list[TaskList]:
    """The lists the user is a member of: their Inbox first, then by name."""
    return [task_list for task_list, _role in member_lists(user)]


def get_list(user: User, list_id: int, needed: ListRole = VIEW) -> TaskList:
    """A list the user may see (or do what `needed` allows in); anyone else's is NotFound, as if it did not exist."""
    return list_for(user, list_id, needed)


def get_inbox(owner: User) -> TaskList:
    return db.session.execute(
        select(TaskList).where(TaskList.owner_id == owner.id, TaskList.is_inbox.is_(True))
    ).scalar_one()


def list_or_inbox(user: User, list_id: int | None, needed: ListRole = EDIT) -> TaskList:
    """The list with this id, where the user may do what `needed` allows, or their Inbox when none is named."""
    return get_inbox(user) if list_id is None else get_list(user, list_id, needed)


def find_list(user: User, name: str) -> TaskList | None:
    """The list of this name, in any letter case, where the user may change tasks: their own first."""
    return db.session.scalars(
        select(TaskList)
        .where(TaskList.id.in_(lists_where(user, EDIT)), TaskList.name_key == name_key(name))
        .order_by((TaskList.owner_id == user.id).desc(), TaskList.id)
        .limit(1)
    ).first()


def create_list(owner: User, name: str) -> TaskList:
    task_list = new_list(owner, name)
    db.session.add(task_list)
    commit_unique_name()
    return task_list


def rename_list(user: User, list_id: int, name: str) -> TaskList:
    """Rename a list the user owns; the name stays unique among the lists of whoever it is stored under."""
    task_list = get_list(user, list_id, MANAGE)
    task_list.name, task_list.name_key = name.strip(), name_key(name)
    commit_unique_name()
    return task_list


def delete_list(user: User, list_id: int) -> list[int]:
    """Delete a list the user owns, its live tasks to the trash; returns their ids, which an Undo restores.

    The tasks move to the Inbox of the account they are stored under as they go (trashed ones too),
    so a restored task lands there: its own list is gone.
    """
    task_list = get_list(user, list_id, MANAGE)
    if task_list.is_inbox:
        raise InboxRequired(N_("The Inbox cannot be deleted: new tasks go there when no list is chosen."))
    inbox = db.session.execute(
        select(TaskList).where(TaskList.owner_id == task_list.owner_id, TaskList.is_inbox.is_(True))
    ).scalar_one()
    in_list = (Task.owner_id == task_list.owner_id, Task.list_id == task_list.id)
    trashed = list(db.session.scalars(select(Task.id).where(*in_list, Task.deleted_at.is_(None))))
    unassign_outside(select(Task.id).where(*in_list), inbox.id, user)  # an Inbox is private
    record_each(trashed, user, EventKind.MOVED, "list", task_list.name, inbox.name)
    record_each(trashed, user, EventKind.DELETED)
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


def count_by_list(user: User, today: date | None = None) -> dict[int, ListCounts]:
    """Open and overdue tasks in each list the user sees, in one statement."""
    overdue = Task.is_overdue_on(today or user.today())
    rows = db.session.execute(
        select(Task.list_id, func.count(), func.sum(case((overdue, 1), else_=0)))
        .where(*tasks_of_lists_where(user), Task.deleted_at.is_(None), Task.status.in_(OPEN_STATUSES))
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
