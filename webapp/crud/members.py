"""Sharing a list: its members and their roles (see access for what each role may do).

A list always keeps at least one owner, and an Inbox is never shared: it is where a person's own
new tasks land.
"""

from dataclasses import dataclass

from sqlalchemy import func, insert, literal, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import ListMember, ListRole, TaskList, User
from .access import MANAGE, VIEW, list_for
from .assignees import unassign_member
from .errors import N_, ForbiddenChange, NoAccount
from .users import get_user_by_email

LAST_OWNER = N_("A list needs an owner: make someone else an owner first.")


@dataclass(frozen=True)
class Member:
    user_id: int
    email: str
    role: ListRole


def list_members(user: User, list_id: int) -> tuple[TaskList, list[Member]]:
    """A list the user owns and its members, owners first, then by email."""
    task_list = list_for(user, list_id, MANAGE)
    rows = db.session.execute(
        select(User.id, User.email, ListMember.role)
        .join(ListMember, ListMember.user_id == User.id)
        .where(ListMember.list_id == list_id)
        .order_by(User.email)
    )
    members = [Member(user_id, email, role) for user_id, email, role in rows]
    return task_list, sorted(members, key=lambda member: (member.role is not ListRole.OWNER, member.email))


def add_member(user: User, list_id: int, email: str, role: ListRole | str) -> Member:
    """Share a list the user owns with the account of this email, in this role.

    NoAccount when no account has the email (only an owner ever learns that), ForbiddenChange for an
    Inbox or someone who is a member already.
    """
    task_list = list_for(user, list_id, MANAGE)
    if task_list.is_inbox:
        raise ForbiddenChange(N_("The Inbox is private: share another list."), "email")
    invitee = get_user_by_email(email)
    if invitee is None:
        raise NoAccount()
    db.session.add(ListMember(list_id=list_id, user_id=invitee.id, role=ListRole(role)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise ForbiddenChange(N_("This person is a member already: change their role below."), "email") from None
    return Member(invitee.id, invitee.email, ListRole(role))


def change_role(user: User, list_id: int, member_id: int, role: ListRole | str) -> ListMember:
    """Give a member of a list the user owns another role; the last owner stays an owner."""
    list_for(user, list_id, MANAGE)
    member = _member(list_id, member_id)
    if member.role is ListRole.OWNER and ListRole(role) is not ListRole.OWNER:
        _keep_an_owner(list_id)
    member.role = ListRole(role)
    db.session.commit()
    return member


def remove_member(user: User, list_id: int, member_id: int) -> None:
    """Take a member off a list the user owns, and off its tasks' assignees; the last owner cannot be removed."""
    list_for(user, list_id, MANAGE)
    _leave(user, list_id, _member(list_id, member_id))


def leave_list(user: User, list_id: int) -> TaskList:
    """The user stops being a member of the list (and an assignee of its tasks); its last owner cannot leave, nor
    anyone their Inbox."""
    task_list = list_for(user, list_id, VIEW)
    if task_list.is_inbox:
        raise ForbiddenChange(N_("Your Inbox is yours: it cannot be left."))
    _leave(user, list_id, _member(list_id, user.id))
    return task_list


def add_creators_as_owners(owner_ids: list[int]) -> None:
    """Make each of these accounts the owner member of the lists stored under it that have no members yet
    (lists inserted in bulk, as the demo seeder does), members since their list was made; not committed."""
    memberless = ~select(ListMember.list_id).where(ListMember.list_id == TaskList.id).exists()
    db.session.execute(
        insert(ListMember).from_select(
            ["list_id", "user_id", "role", "created_at"],
            select(TaskList.id, TaskList.owner_id, literal(ListRole.OWNER.value), TaskList.created_at).where(
                TaskList.owner_id.in_(owner_ids), memberless
            ),
        )
    )


def _member(list_id: int, user_id: int) -> ListMember:
    member = db.session.get(ListMember, (list_id, user_id))
    if member is None:
        raise ForbiddenChange(N_("That person is not a member of this list."))
    return member


def _leave(actor: User, list_id: int, member: ListMember) -> None:
    if member.role is ListRole.OWNER:
        _keep_an_owner(list_id)
    unassign_member(actor, list_id, member.user_id)
    db.session.delete(member)
    db.session.commit()


def _keep_an_owner(list_id: int) -> None:
    owners = db.session.scalar(
        select(func.count()).where(ListMember.list_id == list_id, ListMember.role == ListRole.OWNER)
    )
    if (owners or 0) <= 1:
        raise ForbiddenChange(LAST_OWNER)
