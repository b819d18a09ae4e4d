"""Deleting one's own account, confirmed as strongly as logging in: the password and, when the
account has two-factor login, a code."""

from sqlalchemy import case, delete, func, select, update

from ..extensions import db
from ..models import LIST_NAME_MAX, ListMember, ListRole, Task, TaskList, User, name_key
from .accounts import confirm_password
from .errors import ForbiddenChange
from .two_factor import verify_second_factor

# Who takes over a shared list from a deleted account: an owner, else an editor, else a viewer.
SUCCESSION = case({ListRole.OWNER: 0, ListRole.EDITOR: 1}, value=ListMember.role, else_=2)


def delete_account(user: User, password: str, code: str | None = None) -> None:
    """Delete the account and everything it owns, but for the shared lists stored under it (see hand_over_lists).

    The database does the rest: every foreign key to users says ON DELETE CASCADE (the rows go
    with the account) or SET NULL (the rows stay, without an author). The last active admin cannot
    leave, or nobody could administer the site.
    """
    confirm_password(user, password, field="password")
    if user.two_factor_enabled:
        verify_second_factor(user, code or "")
    user_id = user.id
    if user.is_admin and _active_admins() == 1:
        raise ForbiddenChange(
            "You are the only administrator: make someone else an administrator before deleting your account.",
            "password",
        )
    hand_over_lists(user_id)
    # One DELETE that loads nothing: the database's ON DELETE rules remove the rest.
    db.session.execute(delete(User).where(User.id == user_id).execution_options(synchronize_session=False))
    db.session.commit()
    db.session.expunge_all()


def hand_over_lists(user_id: int) -> None:
    """Give each list stored under the account that has other members to the one who carries on with it: its
    longest-standing other owner, else its longest-standing editor, else viewer, made an owner. The list's tasks
    (stored under their list's account) go along; a name the heir uses already gets a number. Not committed."""
    with_others = select(ListMember.list_id).where(ListMember.user_id != user_id)
    shared = db.session.scalars(
        select(TaskList).where(TaskList.owner_id == user_id, TaskList.id.in_(with_others))
    ).all()
    for task_list in shared:
        heir = db.session.scalars(
            select(ListMember)
            .where(ListMember.list_id == task_list.id, ListMember.user_id != user_id)
            .order_by(SUCCESSION, ListMember.created_at, ListMember.user_id)
            .limit(1)
        ).one()
        task_list.name = _free_name(heir.user_id, task_list.name)
        task_list.owner_id = heir.user_id
        heir.role = ListRole.OWNER
        task_list.name_key = name_key(task_list.name)
        db.session.flush()
        db.session.execute(
            update(Task)
            .where(Task.owner_id == user_id, Task.list_id == task_list.id)
            .values(owner_id=heir.user_id)
            .execution_options(synchronize_session=False)
        )


def _free_name(owner_id: int, name: str) -> str:
    """The name, or "name (2)", "name (3)"... : the first the owner has no list of yet."""
    taken = set(db.session.scalars(select(TaskList.name_key).where(TaskList.owner_id == owner_id)))
    candidate, number = name, 1
    while name_key(candidate) in taken:
        number += 1
        suffix = f" ({number})"
        candidate = name[: LIST_NAME_MAX - len(suffix)] + suffix
    return candidate


def _active_admins() -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.is_admin, User.is_active)) or 0
