"""Who may do what with a list and its tasks: the one access rule, read from list membership.

A member of a list sees the list and its tasks, whatever their role. Editors also change its tasks
(create, edit, complete, move, label, delete, restore, comment) and Owners also rename and delete
the list and manage its members. Nobody else sees them: not even an admin, who manages accounts,
not what people keep in them. A task of a list you cannot see is NotFound, as if it did not exist;
a change you may not make to a task you see is ReadOnly.
"""

from collections.abc import Collection
from functools import cache

from sqlalchemy import BindParameter, ColumnElement, Select, SQLColumnExpression, bindparam, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import ListMember, ListRole, Task, TaskList, User
from .common import is_storable_id
from .errors import N_, NotFound, ReadOnly

VIEW = ListRole.VIEWER
EDIT = ListRole.EDITOR
MANAGE = ListRole.OWNER


# A person, or a statement parameter standing for one in a statement built once (see tasks.counts_statement),
# or a column naming one per row (each reminder's person, see scheduler.due).
Who = User | SQLColumnExpression[int]


def _user_id(who: Who) -> int | SQLColumnExpression[int]:
    return who.id if isinstance(who, User) else who


def roles_allowing(needed: ListRole) -> list[ListRole]:
    return [role for role in ListRole if role.allows(needed)]


def lists_where(who: Who, needed: ListRole = VIEW) -> Select[int]:
    """The ids of the lists where the person holds `needed` or more, as a subquery."""
    return select(ListMember.list_id).where(
        ListMember.user_id == _user_id(who), ListMember.role.in_(roles_allowing(needed))
    )


def _owners_of_lists_where(who: Who, needed: ListRole = VIEW) -> Select[int]:
    return (
        select(TaskList.owner_id)
        .join(ListMember, ListMember.list_id == TaskList.id)
        .where(ListMember.user_id == _user_id(who), ListMember.role.in_(roles_allowing(needed)))
    )


def tasks_of_lists_where(who: Who, needed: ListRole = VIEW) -> list[ColumnElement[bool]]:
    """The criteria of the tasks in lists where the person holds `needed` or more.

    Tasks are stored under their list's owner, so naming those owners first lets every
    (owner_id, ...) index of tasks answer from the owners' ranges, never the whole table.
    """
    return [Task.owner_id.in_(_owners_of_lists_where(who, needed)), Task.list_id.in_(lists_where(who, needed))]


def tasks_of_member_lists(member_of: Collection[TaskList]) -> list[ColumnElement[bool]]:
    """The criteria of the tasks a person sees, given every list they are a member of as `member_lists` read
    it earlier in the same request (the pages' navigation has them): the same tasks as
    `tasks_of_lists_where(person)`, with the lists and their owners named as values.

    A database plans values by what it knows of each, so for one owner (most people) it reads a page
    in the order of an index and stops there, and counts from the owner's ranges; from subqueries it
    expected a person's lists to hold as few tasks as anyone's, and sorted all of a heavy user's tasks
    first (PostgreSQL also joined every count with all lists).
    """
    values = member_list_values(member_of)
    return tasks_of_named_lists(values["owner_ids"], values["list_ids"])


def member_list_values(member_of: Collection[TaskList]) -> dict[str, list[int]]:
    """The owners and ids of these lists, as `tasks_of_named_lists` takes them (or binds them, by these names)."""
    return {
        "owner_ids": sorted({each.owner_id for each in member_of}),
        "list_ids": sorted(each.id for each in member_of),
    }


def tasks_of_named_lists(
    owner_ids: list[int] | BindParameter[list[int]], list_ids: list[int] | BindParameter[list[int]]
) -> list[ColumnElement[bool]]:
    return [Task.owner_id.in_(owner_ids), Task.list_id.in_(list_ids)]


def tasks_of_list(who: Who, list_id: int | BindParameter[int]) -> list[ColumnElement[bool]]:
    """The criteria of the tasks of one list, none unless the person is a member: the range of the list's owner."""
    owner = _owners_of_lists_where(who).where(TaskList.id == list_id).scalar_subquery()
    return [Task.owner_id == owner, Task.list_id == list_id]


@cache
def _member_lists_statement() -> Select[TaskList, ListRole]:
    # Built once, with a parameter: the navigation runs it on every page.
    user_id: BindParameter[int] = bindparam("user_id")
    return (
        select(TaskList, ListMember.role)
        .join(ListMember, ListMember.list_id == TaskList.id)
        .where(ListMember.user_id == user_id)
        .options(joinedload(TaskList.owner))
        .order_by((TaskList.is_inbox & (TaskList.owner_id == user_id)).desc(), TaskList.name_key, TaskList.owner_id)
    )


def member_lists(user: User) -> list[tuple[TaskList, ListRole]]:
    """Every list the user is a member of, with their role: their Inbox first, then by name."""
    rows = db.session.execute(_member_lists_statement(), {"user_id": user.id})
    return [(task_list, role) for task_list, role in rows]


def role_in(user: User, list_id: int) -> ListRole | None:
    """The user's role in the list, None when they are not a member (or there is no such list)."""
    if not is_storable_id(list_id):
        return None
    return db.session.scalar(
        select(ListMember.role).where(ListMember.list_id == list_id, ListMember.user_id == user.id)
    )


def check_role(role: ListRole | None, needed: ListRole, missing: str = "List not found") -> ListRole:
    """The role if it allows `needed`: NotFound when there is none (not a member), ReadOnly when it is too low."""
    if role is None:
        raise NotFound(missing)
    if not role.allows(needed):
        raise ReadOnly(N_("Only an owner of this list may do that.")) if needed is MANAGE else ReadOnly()
    return role


def require(user: User, list_id: int, needed: ListRole, missing: str = "List not found") -> ListRole:
    """The user's role in the list, if it allows `needed` (see check_role)."""
    return check_role(role_in(user, list_id), needed, missing)


def list_for(user: User, list_id: int, needed: ListRole = VIEW) -> TaskList:
    """The list, when the user may do what `needed` allows there (see check_role)."""
    found = None
    if is_storable_id(list_id):
        found = db.session.execute(
            select(TaskList, ListMember.role)
            .join(ListMember, ListMember.list_id == TaskList.id)
            .where(TaskList.id == list_id, ListMember.user_id == user.id)
        ).one_or_none()
    if found is None:
        raise NotFound("List not found")
    task_list, role = found
    check_role(role, needed)
    return task_list
