"""Assignees: a task of a shared list is assigned to members of its list, who are told, find it under "Assigned
to me", and lose it when they leave the list or the task leaves for a list they are no member of."""

import re
import threading

import pytest
from factories import new_api_token
from helpers import listed_titles
from recurring.test_completion_races import run_together
from sqlalchemy import func, select

from webapp import crud
from webapp.extensions import db
from webapp.models import ListRole, Notification, Task, User, task_assignees

EDIT_FORM = {"title": "Water the plants", "status": "pending", "version": 1}


def user(app, household, role: str) -> User:
    return db.session.get(User, household.people[role].id)


def assigned(app, task_id: int) -> set[str]:
    """The emails of the task's assignees, as stored."""
    with app.app_context():
        rows = db.session.scalars(
            select(User.email)
            .join(task_assignees, task_assignees.c.user_id == User.id)
            .where(task_assignees.c.task_id == task_id)
        )
        return set(rows)


def notifications_of(app, user_id: int) -> list[tuple[str, str, bool]]:
    with app.app_context():
        rows = db.session.execute(
            select(Notification.kind, Notification.text, Notification.email_pending).where(
                Notification.user_id == user_id
            )
        )
        return [tuple(row) for row in rows]


def assign(app, household, task_id: int, *roles: str, by: str = "owner") -> None:
    with app.app_context():
        assigner = user(app, household, by)
        task = crud.get_task(assigner, task_id, ListRole.EDITOR)
        ids = [household.people[role].id for role in roles]
        crud.update_task(assigner, task, {"assignees": ids}, expected_version=task.version)


def checkbox_emails(page: str) -> list[str]:
    """The people the task form offers to assign, in order."""
    return re.findall(r'name="assignees" type="checkbox" value="\d+"> <label [^>]*>([^<]+)</label>', page)


# The task form ---------------------------------------------------------------------------------------------


def test_the_task_form_of_a_shared_list_offers_its_members_and_a_private_lists_form_none(household, client_of):
    editor = client_of("editor")
    page = editor.get(f"/tasks/{household.task}/edit").text
    assert checkbox_emails(page) == ["eddie@example.com", "olivia@example.com", "vera@example.com"]
    assert checkbox_emails(editor.get(f"/tasks/new?list={household.list}").text) == checkbox_emails(page)
    assert 'name="assignees"' not in editor.get("/tasks/new").text  # the Inbox is private


def test_an_editor_assigns_members_on_the_form_and_each_is_told_but_not_the_one_who_assigned(app, household, client_of):
    eddie, vera = household.people["editor"], household.people["viewer"]
    response = client_of("editor").post(
        f"/tasks/{household.task}/edit", data={**EDIT_FORM, "assignees": [eddie.id, vera.id]}
    )
    assert response.status_code == 302
    assert assigned(app, household.task) == {"eddie@example.com", "vera@example.com"}
    assert notifications_of(app, vera.id) == [("assigned", "eddie@example.com assigned you: Water the plants", True)]
    assert notifications_of(app, eddie.id) == []
    page = client_of("owner").get(f"/tasks/{household.task}").text
    assert re.search(r"Assigned to</dt><dd[^>]*>eddie@example.com, vera@example.com</dd>", page)


def test_someone_who_turned_email_off_is_told_under_the_bell_only(app, household, client_of):
    with app.app_context():
        crud.set_email_notifications(user(app, household, "viewer"), False)
    assign(app, household, household.task, "viewer")
    assert notifications_of(app, household.people["viewer"].id) == [
        ("assigned", "olivia@example.com assigned you: Water the plants", False)
    ]


def test_a_new_task_is_assigned_from_the_form_of_its_list(app, household, client_of):
    response = client_of("owner").post(
        f"/tasks/new?list={household.list}",
        data={
            "title": "Fix the tap",
            "status": "pending",
            "list_id": household.list,
            "assignees": [household.people["editor"].id],
        },
    )
    assert response.status_code == 302
    task_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert assigned(app, task_id) == {"eddie@example.com"}
    assert [kind for kind, _text, _email in notifications_of(app, household.people["editor"].id)] == ["assigned"]


def test_assigning_someone_who_is_no_member_of_the_list_is_refused_by_the_field(app, household, client_of):
    response = client_of("owner").post(
        f"/tasks/{household.task}/edit", data={**EDIT_FORM, "assignees": [household.people["outsider"].id]}
    )
    assert response.status_code == 422
    assert "Only members of the task&#39;s list can be assigned to it." in response.text
    assert assigned(app, household.task) == set()
    assert notifications_of(app, household.people["outsider"].id) == []


def test_a_viewers_forged_assignment_is_403_and_changes_nothing(app, household, client_of):
    response = client_of("viewer").post(
        f"/tasks/{household.task}/edit", data={**EDIT_FORM, "assignees": [household.people["viewer"].id]}
    )
    assert response.status_code == 403
    assert assigned(app, household.task) == set()


def test_unticking_everyone_unassigns_them(app, household, client_of):
    assign(app, household, household.task, "editor", "viewer")
    response = client_of("owner").post(f"/tasks/{household.task}/edit", data={**EDIT_FORM, "version": 2})
    assert response.status_code == 302
    assert assigned(app, household.task) == set()


# Leaving the list, moving the task ----------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["removed", "left"])
def test_someone_who_stops_being_a_member_is_unassigned_from_the_lists_tasks(app, household, client_of, how):
    assign(app, household, household.task, "editor", "viewer")
    vera = household.people["viewer"].id
    if how == "removed":
        client_of("owner").post(f"/lists/{household.list}/members/{vera}/remove")
    else:
        client_of("viewer").post(f"/lists/{household.list}/leave")
    assert assigned(app, household.task) == {"eddie@example.com"}


@pytest.mark.parametrize("how", ["form", "bulk"])
def test_a_task_moved_to_another_list_keeps_only_the_assignees_who_are_members_there(app, household, client_of, how):
    with app.app_context():
        olivia = user(app, household, "owner")
        garden = crud.create_list(olivia, "Garden")
        crud.add_member(olivia, garden.id, "eddie@example.com", ListRole.EDITOR)
        garden_id = garden.id
    assign(app, household, household.task, "owner", "editor", "viewer")
    owner = client_of("owner")
    if how == "form":
        ids = [household.people[role].id for role in ("owner", "editor", "viewer")]
        form = {**EDIT_FORM, "version": 2, "list_id": garden_id, "assignees": ids}
        assert owner.post(f"/tasks/{household.task}/edit", data=form).status_code == 302
    else:
        owner.post("/tasks/bulk", data={"ids": [household.task], "action": "move", "list_id": garden_id})
    assert assigned(app, household.task) == {"olivia@example.com", "eddie@example.com"}


def test_a_deleted_lists_tasks_go_to_the_private_inbox_without_other_assignees(app, household, client_of):
    assign(app, household, household.task, "owner", "editor")
    client_of("owner").post(f"/lists/{household.list}/delete")
    assert assigned(app, household.task) == {"olivia@example.com"}


# Finding them --------------------------------------------------------------------------------------------------


def test_assigned_to_me_lists_my_tasks_across_the_lists_i_see(app, household, client_of):
    with app.app_context():
        eddie = user(app, household, "editor")
        own = crud.create_task(eddie, "Eddie's own", assignees=[eddie.id])
        crud.create_task(eddie, "Not assigned")
        own_id = own.id
    assign(app, household, household.task, "editor")
    editor = client_of("editor")
    page = editor.get("/tasks/").text
    assert '<a class="nav-link" href="/tasks/?assignee=me">Assigned to me</a>' in page
    page = editor.get("/tasks/?assignee=me").text
    assert sorted(listed_titles(page)) == ["Eddie's own", "Water the plants"]
    assert "Assigned to: Me" in page
    assert assigned(app, own_id) == {"eddie@example.com"}
    editor.post(f"/lists/{household.list}/leave")
    assert listed_titles(editor.get("/tasks/?assignee=me").text) == ["Eddie's own"]


def test_a_list_page_filters_by_a_member_offered_in_its_filter_form(app, household, client_of):
    with app.app_context():
        crud.create_task(user(app, household, "owner"), "Sweep", list_id=household.list)
    assign(app, household, household.task, "viewer")
    vera = household.people["viewer"].id
    viewer = client_of("viewer")
    page = viewer.get(f"/lists/{household.list}").text
    assert re.search(rf'<option value="{vera}">vera@example.com</option>', page)
    assert '<option value="me">Me</option>' in page
    assert sorted(listed_titles(page)) == ["Sweep", "Water the plants"]
    assert listed_titles(viewer.get(f"/lists/{household.list}?assignee={vera}").text) == ["Water the plants"]
    assert listed_titles(viewer.get(f"/lists/{household.list}?assignee=me").text) == ["Water the plants"]


def test_a_row_shows_its_assignees_initials_with_their_emails_for_screen_readers(app, household, client_of):
    assign(app, household, household.task, "editor", "viewer")
    page = client_of("owner").get(f"/lists/{household.list}").text
    row = re.search(r'<span class="assignees">.*?</span></span></span>', page, re.S).group(0)
    assert '<span class="visually-hidden">Assigned to:</span>' in row
    assert re.findall(r'title="([^"]+)"><span aria-hidden="true">(\w+)</span>', row) == [
        ("eddie@example.com", "ED"),
        ("vera@example.com", "VE"),
    ]


def test_an_unknown_assignee_filter_is_reported_and_ignored(household, client_of):
    page = client_of("editor").get("/tasks/?assignee=nobody").text
    assert "Water the plants" in page and "Assigned to: Invalid Choice" in page


# History ---------------------------------------------------------------------------------------------------


def history_of(app, household, task_id: int) -> list[tuple[str, str | None, str | None, str | None]]:
    """The task's events, oldest first: kind, actor's email, old and new value."""
    with app.app_context():
        task = db.session.get(Task, task_id)
        events, _older = crud.latest_events(task)
        return [
            (event.kind.value, event.actor.email if event.actor else None, event.old_value, event.new_value)
            for event in reversed(events)
        ]


def test_the_history_records_who_assigned_and_unassigned_whom(app, household, client_of):
    assign(app, household, household.task, "editor", "viewer")
    assign(app, household, household.task, "editor", by="editor")
    client_of("owner").post(f"/lists/{household.list}/members/{household.people['editor'].id}/remove")
    assert history_of(app, household, household.task)[-4:] == [
        ("assigned", "olivia@example.com", None, "eddie@example.com"),
        ("assigned", "olivia@example.com", None, "vera@example.com"),
        ("unassigned", "eddie@example.com", "vera@example.com", None),
        ("unassigned", "olivia@example.com", "eddie@example.com", None),
    ]
    page = client_of("owner").get(f"/tasks/{household.task}").text
    assert "olivia@example.com assigned the task to vera@example.com" in page
    assert "eddie@example.com unassigned vera@example.com" in page


def test_a_bulk_move_records_the_assignees_it_drops(app, household, client_of):
    with app.app_context():
        garden = crud.create_list(user(app, household, "owner"), "Garden")
        garden_id = garden.id
    assign(app, household, household.task, "owner", "viewer")
    client_of("owner").post("/tasks/bulk", data={"ids": [household.task], "action": "move", "list_id": garden_id})
    kinds = [(kind, old) for kind, _who, old, _new in history_of(app, household, household.task)[-2:]]
    assert kinds == [("unassigned", "vera@example.com"), ("moved", "Household")]


# The API ---------------------------------------------------------------------------------------------------


def test_the_api_assigns_by_user_id_shows_assignees_and_filters_by_them(app, household):
    eddie, vera = household.people["editor"].id, household.people["viewer"].id
    headers = {"Authorization": f"Bearer {new_api_token(app, household.people['editor'])}"}
    client = app.test_client()
    created = client.post(
        "/api/v1/tasks/", json={"title": "Mow", "list_id": household.list, "assignees": [vera]}, headers=headers
    )
    assert created.status_code == 201 and created.json["assignees"] == [vera]
    task_id = created.json["id"]
    changed = client.patch(f"/api/v1/tasks/{task_id}", json={"assignees": [eddie, vera], "version": 1}, headers=headers)
    assert changed.status_code == 200 and changed.json["assignees"] == [eddie, vera] and changed.json["version"] == 2
    mine = client.get("/api/v1/tasks/?assignee=me", headers=headers).json
    assert [task["title"] for task in mine["items"]] == ["Mow"] and mine["items"][0]["assignees"] == [eddie, vera]
    refused = client.patch(
        f"/api/v1/tasks/{task_id}", json={"assignees": [household.people["outsider"].id], "version": 2}, headers=headers
    )
    assert refused.status_code == 400
    assert refused.json["detail"] == [
        {"loc": ["assignees"], "msg": "Only members of the task's list can be assigned to it.", "type": "not_a_member"}
    ]
    assert client.get("/api/v1/tasks/?assignee=someone", headers=headers).status_code == 422


# Two members at once ---------------------------------------------------------------------------------------------


def test_two_members_assigning_the_same_person_at_once_store_one_assignment(app, backend, household):
    if backend == "sqlite":
        pytest.skip("SQLite runs one writing transaction at a time: the two cannot both hold version 1 open")
    members = iter(["owner", "editor"])
    lock = threading.Lock()
    both_read = threading.Barrier(2, timeout=30)
    vera = household.people["viewer"].id

    def assign_vera():
        with lock:
            member = household.people[next(members)].id
        assigner = crud.get_user(member)
        task = crud.get_task(assigner, household.task, ListRole.EDITOR)  # each transaction holds version 1 ...
        both_read.wait()  # ... before either writes
        crud.update_task(assigner, task, {"assignees": [vera]}, expected_version=1)
        return "assigned"

    # The second save is a stale edit, as for any other field: the page shows the stored task, Vera assigned.
    assert run_together(app, assign_vera) == ["assigned", "stale"]
    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(task_assignees))
        assert rows == 1
        assert db.session.scalar(select(func.count()).where(Notification.user_id == vera)) == 1
