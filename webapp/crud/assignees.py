"""Assignees: the members of its list a task is assigned to, and who is told about it.

A task's assignees are always members of its list: assigning anyone else is NotAMember, and a person
who leaves the list (or is removed from it), or a task that moves to a list they are no member of,
loses the assignment. Each (task, person) pair is stored once, even when two members assign the same
person at the same moment.
"""

from collections.abc import Collection, Iterable, Sequence
from functools import cache

from sqlalchemy import ColumnElement, Insert, Select, bindparam, delete, select
from sqlalchemy.dialects import mysql, postgresql, sqlite

from ..extensions import db
from ..models import EventKind, ListMember, Task, User, task_assignees
from .access import lists_where
from .common import give_tasks, is_storable_id
from .errors import NotAMember
from .history import record, record_each
from .notifications import notify


def load_assignees(tasks: Sequence[Task]) -> None:
    """Give each of these tasks its assignees, in one statement for all of them."""
    give_tasks(tasks, "assignees", _assignees_of_tasks())


@cache
def _assignees_of_tasks() -> Select[int, User]:
    return (
        select(task_assignees.c.task_id, User)
        .join(User, User.id == task_assignees.c.user_id)
        .where(task_assignees.c.task_id.in_(bindparam("task_ids", expanding=True)))
        .order_by(User.email)
    )


def list_people(user: User, list_id: int) -> list[User]:
    """The members of a list the user sees, by email: whom its tasks may be assigned to (none for a list
    the user is no member of)."""
    if not is_storable_id(list_id):
        return []
    return list(
        db.session.scalars(
            select(User)
            .join(ListMember, ListMember.user_id == User.id)
            .where(ListMember.list_id == list_id, ListMember.list_id.in_(lists_where(user)))
            .order_by(User.email)
        )
    )


def fellow_members(user: User) -> list[User]:
    """Everyone who is a member of a list the user sees, the user included, by email: whom the tasks the user
    sees may be assigned to."""
    people = select(ListMember.user_id).where(ListMember.list_id.in_(lists_where(user)))
    return list(db.session.scalars(select(User).where(User.id.in_(people)).order_by(User.email)))


def assignee_ids(task: Task) -> set[int]:
    return set(db.session.scalars(select(task_assignees.c.user_id).where(task_assignees.c.task_id == task.id)))


def set_assignees(assigner: User, task: Task, wanted: Iterable[int], previous: Collection[int] = ()) -> bool:
    """Make `wanted` the assignees of the task (in the list it is in now), which were `previous`; not committed.
    Whether that changed them.

    Someone newly assigned must be a member of the task's list (NotAMember otherwise); someone assigned
    before who is no member of it (the task moved) is dropped. The newly assigned are notified, unless they
    assigned themselves. The history records each person assigned and unassigned.
    """
    wanted, previous = set(wanted), set(previous)
    people = {}
    members = set()
    rows = db.session.execute(
        select(User, ListMember.user_id)
        .outerjoin(ListMember, (ListMember.user_id == User.id) & (ListMember.list_id == task.list_id))
        .where(User.id.in_(wanted | previous))
    )
    for person, member_id in rows:
        people[person.id] = person
        if member_id is not None:
            members.add(person.id)
    if wanted - previous - members:
        raise NotAMember()
    assigned = wanted & members
    if assigned == previous:
        return False
    for user_id in sorted(previous - assigned):
        record(task, assigner, EventKind.UNASSIGNED, old=people[user_id].email)
    for user_id in sorted(assigned - previous):
        record(task, assigner, EventKind.ASSIGNED, new=people[user_id].email)
    if previous - assigned:
        db.session.execute(
            delete(task_assignees).where(
                task_assignees.c.task_id == task.id, task_assignees.c.user_id.in_(previous - assigned)
            )
        )
    if assigned - previous:
        db.session.execute(_insert_once([{"task_id": task.id, "user_id": user_id} for user_id in assigned - previous]))
    for user_id in sorted(assigned - previous - {assigner.id}):
        notify(people[user_id], "assigned", task, f"{assigner.email} assigned you: {task.title}")
    return True


def unassign_outside(task_ids: Select[int], list_id: int, actor: User) -> None:
    """Take the assignees who are no members of the list `list_id` off these tasks (which `actor` moves there);
    not committed."""
    _unassign(
        actor,
        task_assignees.c.task_id.in_(task_ids),
        task_assignees.c.user_id.not_in(select(ListMember.user_id).where(ListMember.list_id == list_id)),
    )


def unassign_member(actor: User, list_id: int, user_id: int) -> None:
    """Take someone who stops being a member of a list (removed by `actor`, or leaving) off its tasks; not
    committed."""
    _unassign(
        actor,
        task_assignees.c.user_id == user_id,
        task_assignees.c.task_id.in_(select(Task.id).where(Task.list_id == list_id)),
    )


def _unassign(actor: User, *criteria: ColumnElement[bool]) -> None:
    """Delete the assignments meeting the criteria, recorded in the history: one statement per person."""
    pairs = db.session.execute(
        select(task_assignees.c.task_id, User.email).join(User, User.id == task_assignees.c.user_id).where(*criteria)
    ).all()
    if not pairs:
        return
    tasks_of: dict[str, set[int]] = {}
    for task_id, email in pairs:
        tasks_of.setdefault(email, set()).add(task_id)
    for email, task_ids in tasks_of.items():
        record_each(task_ids, actor, EventKind.UNASSIGNED, old=email)
    db.session.execute(delete(task_assignees).where(*criteria))


def _insert_once(rows: list[dict[str, int]]) -> Insert:
    """An INSERT of assignee pairs that leaves a pair stored meanwhile by another transaction as it is."""
    dialect = db.session.get_bind().dialect.name
    if dialect in ("mysql", "mariadb"):
        upsert = mysql.insert(task_assignees).values(rows)
        return upsert.on_duplicate_key_update(user_id=upsert.inserted.user_id)
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(task_assignees).values(rows)
    return insert.on_conflict_do_nothing()
