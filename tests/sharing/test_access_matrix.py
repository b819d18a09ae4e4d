"""The access rule, as a matrix generated from one table: every role × every action × every path.

Members see a shared list's tasks; Editors and Owners change them; Owners manage the list. A task of a
list you cannot see is 404 everywhere (the admin included); a change you may not make to a task you see
is 403; a bulk action (bulk, trash, undo) never fails but changes only what you may change.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from factories import new_api_token, new_comment

from webapp import crud
from webapp.extensions import db
from webapp.models import Comment, ListRole, Reminder, Task, TaskList, TaskStatus, User

from .conftest import MEMBER_ROLES, ROLES


@dataclass(frozen=True)
class Action:
    """One thing someone tries on the shared list through one path, and what it changes if allowed."""

    path: str
    name: str
    needed: ListRole
    # "single": one task or list's page or change (404 for non-members, 403 for a too-low role);
    # "bulk": a change of chosen ids that never fails, but changes only what the role allows;
    # "listing": a page or file that lists the task only to those allowed.
    kind: str
    send: Callable  # (client, ids, api_headers) -> response
    changed: Callable[[Task | None, Task | None], bool] | None = None  # (task, trashed) after the request


def form(path: str, **data):
    return lambda client, ids, _api: client.post(path.format(**vars(ids)), data=data)


def page(path: str):
    return lambda client, ids, _api: client.get(path.format(**vars(ids)))


def bulk(**data):
    return lambda client, ids, _api: client.post("/tasks/bulk", data={"ids": [ids.task], **data})


def trash(action: str):
    return lambda client, ids, _api: client.post(f"/tasks/trash/{action}", data={"ids": [ids.trashed]})


def api(method: str, path: str, **json):
    def send(client, ids, headers):
        body = {name: getattr(ids, value[1:-1]) if value == "{list}" else value for name, value in json.items()}
        return getattr(client, method)(path.format(**vars(ids)), headers=headers, json=body or None)

    return send


def board_move(client, ids, _api):
    return client.post(f"/lists/{ids.list}/board/move", data={"task_id": ids.task, "version": 1, "status": "completed"})


def csv_import(client, ids, _api):
    upload = io.BytesIO(b"title,list\nImported chore,Household\n")
    return client.post("/tasks/import", data={"file": (upload, "t.csv")}, content_type="multipart/form-data")


def quick_add(client, ids, _api):
    return client.post(f"/lists/{ids.list}/quick-add", data={"text": "Quick chore"})


def assign_the_owner(client, ids, headers):
    """Assign the task to the list's owner: on the task form, or through the API when `headers` carry a token."""
    owner = ids.people["owner"].id
    if headers:
        return client.patch(f"/api/v1/tasks/{ids.task}", headers=headers, json={"assignees": [owner], "version": 1})
    return client.post(f"/tasks/{ids.task}/edit", data={**EDIT_FORM, "assignees": [owner]})


def owner_assigned(task, _trashed):
    return task is not None and [person.email for person in assignees_of(task)] == ["olivia@example.com"]


def assignees_of(task):
    crud.load_assignees([task])
    return task.assignees


def completed(task, _trashed):
    return task is not None and task.status is TaskStatus.COMPLETED


def retitled(task, _trashed):
    return task is not None and task.title == "Changed"


def in_trash(task, _trashed):
    return task is not None and task.deleted_at is not None


def gone(task, _trashed):
    return task is None


def moved_out(task, _trashed):
    return task is not None and db.session.get(TaskList, task.list_id).is_inbox


def restored(_task, trashed):
    return trashed is not None and trashed.deleted_at is None


def purged(_task, trashed):
    return trashed is None


def added(title: str) -> Callable[[Task | None, Task | None], bool]:
    def check(task, _trashed):
        return db.session.query(Task).filter_by(title=title, list_id=task.list_id if task else 0).count() == 1

    return check


def comment_stored(body: str) -> Callable[[Task | None, Task | None], bool]:
    def check(_task, _trashed):
        return db.session.query(Comment).filter_by(body=body).count() == 1

    return check


def reminder_set(_task, _trashed):
    """A reminder of the task now exists: each person's own, so anyone who sees the task may set one."""
    return db.session.query(Reminder).count() == 1


# Everyone has a comment of their own on the task, written just now while they could (see the test below).
MY_COMMENT = "My remark"


def my_comment_gone(task, trashed):
    return not comment_stored(MY_COMMENT)(task, trashed)


VIEW, EDIT, OWN = ListRole.VIEWER, ListRole.EDITOR, ListRole.OWNER
EDIT_FORM = {"title": "Changed", "status": "pending", "version": 1}

ACTIONS = [
    # pages
    Action("pages", "see the task", VIEW, "single", page("/tasks/{task}")),
    Action("pages", "see the task's history", VIEW, "single", page("/tasks/{task}/history")),
    Action("pages", "see the list", VIEW, "single", page("/lists/{list}")),
    Action("pages", "open the edit form", EDIT, "single", page("/tasks/{task}/edit")),
    Action("pages", "edit the task", EDIT, "single", form("/tasks/{task}/edit", **EDIT_FORM), retitled),
    Action("pages", "complete the task", EDIT, "single", form("/tasks/{task}/complete"), completed),
    Action("pages", "assign the task", EDIT, "single", assign_the_owner, owner_assigned),
    Action("pages", "delete the task", EDIT, "single", form("/tasks/{task}/delete"), in_trash),
    Action("pages", "rename the list", OWN, "single", form("/lists/{list}/edit", name="Renamed")),
    Action("pages", "see the members", OWN, "single", page("/lists/{list}/members")),
    Action("pages", "delete the list", OWN, "single", form("/lists/{list}/delete"), in_trash),
    Action("pages", "find the task among all tasks", VIEW, "listing", page("/tasks/?q=plants")),
    Action(
        "pages",
        "comment",
        EDIT,
        "single",
        form("/tasks/{task}/comments", body="Well done"),
        comment_stored("Well done"),
    ),
    Action("pages", "open my comment's edit form", EDIT, "single", page("/tasks/{task}/comments/{comment}/edit")),
    Action(
        "pages",
        "edit my comment",
        EDIT,
        "single",
        form("/tasks/{task}/comments/{comment}/edit", body="Edited"),
        comment_stored("Edited"),
    ),
    Action(
        "pages", "delete my comment", EDIT, "single", form("/tasks/{task}/comments/{comment}/delete"), my_comment_gone
    ),
    Action(
        "pages",
        "set my own reminder",
        VIEW,
        "single",
        form("/tasks/{task}/reminders/at", **{"reminder_at-remind_at": "2099-06-01T09:00"}),
        reminder_set,
    ),
    # bulk actions
    Action("bulk", "complete", EDIT, "bulk", bulk(action="complete"), completed),
    Action("bulk", "set a status", EDIT, "bulk", bulk(action="set_status", status="completed"), completed),
    Action("bulk", "delete", EDIT, "bulk", bulk(action="delete"), in_trash),
    Action(
        "bulk",
        "set a priority",
        EDIT,
        "bulk",
        bulk(action="set_priority", priority=4),
        lambda task, _t: task is not None and task.priority == 4,
    ),
    # trash and undo
    Action("trash/undo", "see the trashed task", EDIT, "listing", page("/tasks/trash")),
    Action("trash/undo", "restore (undo)", EDIT, "bulk", trash("restore"), restored),
    Action("trash/undo", "delete for good", EDIT, "bulk", trash("delete"), purged),
    # CSV
    Action("csv", "export", VIEW, "listing", page("/tasks/export.csv")),
    Action("csv", "import into the list by name", EDIT, "bulk", csv_import, added("Imported chore")),
    # board
    Action("board", "see the board", VIEW, "single", page("/lists/{list}/board")),
    Action("board", "move a card", EDIT, "single", board_move, completed),
    # quick add
    Action("quick add", "add to the list", EDIT, "single", quick_add, added("Quick chore")),
    # API
    Action("api", "read the task", VIEW, "single", api("get", "/api/v1/tasks/{task}")),
    Action("api", "read the comments", VIEW, "single", api("get", "/api/v1/tasks/{task}/comments")),
    Action("api", "read the task's history", VIEW, "single", api("get", "/api/v1/tasks/{task}/history")),
    Action(
        "api",
        "set my own reminder",
        VIEW,
        "single",
        api("post", "/api/v1/tasks/{task}/reminders", remind_at="2099-06-01T09:00:00Z"),
        reminder_set,
    ),
    Action("api", "list the tasks", VIEW, "listing", api("get", "/api/v1/tasks/?q=plants")),
    Action("api", "read the list", VIEW, "single", api("get", "/api/v1/lists/{list}")),
    Action(
        "api",
        "change the task",
        EDIT,
        "single",
        api("patch", "/api/v1/tasks/{task}", title="Changed", version=1),
        retitled,
    ),
    Action("api", "delete the task", EDIT, "single", api("delete", "/api/v1/tasks/{task}"), in_trash),
    Action("api", "assign the task", EDIT, "single", assign_the_owner, owner_assigned),
    Action(
        "api",
        "create a task in the list",
        EDIT,
        "single",
        api("post", "/api/v1/tasks/", title="API chore", list_id="{list}"),
        added("API chore"),
    ),
    Action("api", "rename the list", OWN, "single", api("patch", "/api/v1/lists/{list}", name="Renamed")),
    # A move needs a target the person may change: their own Inbox, which everyone has.
    Action(
        "bulk",
        "move to my Inbox",
        EDIT,
        "bulk",
        lambda client, ids, _api: client.post(
            "/tasks/bulk", data={"ids": [ids.task], "action": "move", "list_id": ids.inbox}
        ),
        moved_out,
    ),
]

MATRIX = [(role, action) for action in ACTIONS for role in ROLES]


def allowed(role: str, needed: ListRole) -> bool:
    return role in MEMBER_ROLES and MEMBER_ROLES[role].allows(needed)


def expected_status(role: str, action: Action, allowed_now: bool) -> set[int]:
    if action.kind != "single":
        return {200, 302}
    if allowed_now:
        return {200, 201, 204, 302}
    return {403} if role in MEMBER_ROLES else {404}


@pytest.mark.parametrize(
    "role, action", MATRIX, ids=[f"{role}-{action.path}-{action.name}".replace(" ", "_") for role, action in MATRIX]
)
def test_the_access_matrix(app, household, client_of, role, action):
    client = client_of(role)
    person = household.people[role]
    headers = {"Authorization": f"Bearer {new_api_token(app, person)}"} if action.path == "api" else {}
    with app.app_context():
        inbox = crud.get_inbox(db.session.get(User, person.id)).id
    # As if written while they were an editor: a viewer was demoted since, an outsider and the admin removed.
    comment = new_comment(app, person, household.task, MY_COMMENT)
    ids = SimpleNamespace(**vars(household), inbox=inbox, comment=comment)
    may = allowed(role, action.needed)

    response = action.send(client, ids, headers)

    assert response.status_code in expected_status(role, action, may), response.text[:500]
    if action.kind == "listing":
        body = response.get_data(as_text=True)
        title = "Old chore" if action.name == "see the trashed task" else "Water the plants"
        assert (title in body) is may
    with app.app_context():
        task, trashed = db.session.get(Task, household.task), db.session.get(Task, household.trashed)
        if action.changed is not None:
            assert action.changed(task, trashed) is may
        untouched = task is not None and task.title == "Water the plants"
        assert untouched or may
        if not may:
            assert task is not None and task.version == 1 and task.deleted_at is None
            assert trashed is not None and trashed.deleted_at is not None
