"""The person's lists, which the navigation of every page shows, with their role in each: read once per request."""

from flask import g
from flask_login import current_user

from . import crud
from .models import ListRole, TaskList


def _memberships() -> list[tuple[TaskList, ListRole]]:
    if "memberships" not in g:
        g.memberships = crud.member_lists(current_user)
    memberships: list[tuple[TaskList, ListRole]] = g.memberships
    return memberships


def owner_lists() -> list[TaskList]:
    """The lists the signed-in person is a member of, their Inbox first; pages that need them share one statement."""
    return [task_list for task_list, _role in _memberships()]


def editable_lists() -> list[TaskList]:
    """The lists where the person may add and change tasks: what task forms and quick add offer."""
    return [task_list for task_list, role in _memberships() if role.allows(ListRole.EDITOR)]


def role_in(list_id: int) -> ListRole | None:
    """The person's role in one of their lists (None: not a member), for showing only the controls it allows.

    The CRUD layer checks every change again: this only decides what a page offers.
    """
    return next((role for task_list, role in _memberships() if task_list.id == list_id), None)
