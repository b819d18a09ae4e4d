"""The person's lists, which the navigation of every page shows: read once per request."""

from flask import g
from flask_login import current_user

from . import crud
from .models import TaskList


def owner_lists() -> list[TaskList]:
    """The signed-in person's lists, the Inbox first; pages that need them too share this one statement."""
    if "owner_lists" not in g:
        g.owner_lists = crud.list_lists(current_user)
    lists: list[TaskList] = g.owner_lists
    return lists
