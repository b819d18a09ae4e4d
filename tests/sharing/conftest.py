"""A shared list and the people around it: its owner, an editor, a viewer, an outsider and the site's admin."""

from types import SimpleNamespace

import pytest

from webapp import crud
from webapp.extensions import db
from webapp.models import ListRole, User

ROLES = ("owner", "editor", "viewer", "outsider", "admin")
MEMBER_ROLES = {"owner": ListRole.OWNER, "editor": ListRole.EDITOR, "viewer": ListRole.VIEWER}


@pytest.fixture
def household(app, accounts):
    """Olivia's list "Household", shared with Eddie as Editor and Vera as Viewer; Oscar is no member, and the
    admin manages accounts only. It holds a live task and one in the trash."""
    people = {
        "admin": accounts.create("admin@example.com", is_admin=True),
        "owner": accounts.create("olivia@example.com"),
        "editor": accounts.create("eddie@example.com"),
        "viewer": accounts.create("vera@example.com"),
        "outsider": accounts.create("oscar@example.com"),
    }
    with app.app_context():
        olivia = db.session.get(User, people["owner"].id)
        task_list = crud.create_list(olivia, "Household")
        for role in ("editor", "viewer"):
            crud.add_member(olivia, task_list.id, people[role].email, MEMBER_ROLES[role])
        task = crud.create_task(olivia, "Water the plants", list_id=task_list.id)
        trashed = crud.create_task(olivia, "Old chore", list_id=task_list.id)
        crud.delete_task(olivia, trashed.id)
        return SimpleNamespace(people=people, list=task_list.id, task=task.id, trashed=trashed.id)


@pytest.fixture
def client_of(app, accounts, household):
    """A logged-in test client of one of the ROLES."""

    def login(role: str):
        client = app.test_client()
        accounts.login(client, household.people[role].email)
        return client

    return login
