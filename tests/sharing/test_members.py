"""Sharing a list: the members page, leaving, the last owner, and what each member's pages show."""

import re

import pytest

from webapp import crud
from webapp.extensions import db
from webapp.models import User


def members_of(page: str) -> dict[str, str]:
    """Each member's email and the role their row's select has chosen."""
    rows = re.findall(r'<td class="member-email">([^< ]+).*?<option selected value="(\w+)"', page, re.S)
    return dict(rows)


def test_the_owner_adds_a_member_by_email_changes_the_role_and_removes_them(household, client_of):
    owner = client_of("owner")
    page = owner.get(f"/lists/{household.list}/members").text
    assert members_of(page) == {
        "olivia@example.com": "owner",
        "eddie@example.com": "editor",
        "vera@example.com": "viewer",
    }
    response = owner.post(f"/lists/{household.list}/members", data={"email": " Oscar@Example.com ", "role": "viewer"})
    assert response.status_code == 302
    page = owner.get(response.headers["Location"]).text
    assert "oscar@example.com can now use this list as Viewer." in page
    assert members_of(page)["oscar@example.com"] == "viewer"
    oscar = household.people["outsider"].id
    page = owner.post(
        f"/lists/{household.list}/members/{oscar}/role", data={"role": "editor"}, follow_redirects=True
    ).text
    assert "Role changed to Editor." in page and members_of(page)["oscar@example.com"] == "editor"
    page = owner.post(f"/lists/{household.list}/members/{oscar}/remove", follow_redirects=True).text
    assert "Removed from the list." in page and "oscar@example.com" not in members_of(page)
    assert client_of("outsider").get(f"/tasks/{household.task}").status_code == 404


@pytest.mark.parametrize(
    "email, message",
    [
        ("nobody@example.com", "No account uses this email: they need to register"),
        ("eddie@example.com", "This person is a member already: change their role below."),
        ("not an email", "Enter a valid email address."),
    ],
)
def test_adding_someone_who_cannot_be_added_says_why_by_the_field(household, client_of, email, message):
    response = client_of("owner").post(f"/lists/{household.list}/members", data={"email": email, "role": "editor"})
    assert response.status_code == 422 and message in response.text
    assert len(members_of(response.text)) == 3


@pytest.mark.parametrize("role, status", [("editor", 403), ("viewer", 403), ("outsider", 404), ("admin", 404)])
def test_only_owners_see_the_members_page_so_only_they_learn_who_has_an_account(household, client_of, role, status):
    client = client_of(role)
    assert client.get(f"/lists/{household.list}/members").status_code == status
    response = client.post(f"/lists/{household.list}/members", data={"email": "nobody@example.com", "role": "editor"})
    assert response.status_code == status and "No account uses" not in response.text


def test_the_last_owner_can_neither_leave_nor_be_removed_nor_step_down(household, client_of):
    owner = client_of("owner")
    olivia = household.people["owner"].id
    for path, data in (
        (f"/lists/{household.list}/leave", {}),
        (f"/lists/{household.list}/members/{olivia}/remove", {}),
        (f"/lists/{household.list}/members/{olivia}/role", {"role": "editor"}),
    ):
        page = owner.post(path, data=data, follow_redirects=True).text
        assert "A list needs an owner: make someone else an owner first." in page
    assert members_of(owner.get(f"/lists/{household.list}/members").text)["olivia@example.com"] == "owner"
    eddie = household.people["editor"].id
    owner.post(f"/lists/{household.list}/members/{eddie}/role", data={"role": "owner"})
    page = owner.post(f"/lists/{household.list}/leave", follow_redirects=True).text
    assert "You left “Household”." in page
    assert owner.get(f"/lists/{household.list}").status_code == 404
    assert client_of("editor").get(f"/lists/{household.list}/members").status_code == 200


def test_leaving_is_one_button_and_the_list_disappears_from_the_leavers_pages(household, client_of):
    viewer = client_of("viewer")
    page = viewer.get(f"/lists/{household.list}").text
    assert re.search(rf'action="/lists/{household.list}/leave".*?Leave list</button>', page, re.S)
    page = viewer.post(f"/lists/{household.list}/leave", follow_redirects=True).text
    assert "You left “Household”." in page
    assert "Household" not in page.replace("You left “Household”.", "")
    assert viewer.get(f"/tasks/{household.task}").status_code == 404


def test_the_inbox_stays_private(household, client_of, app):
    with app.app_context():
        inbox = crud.get_inbox(db.session.get(User, household.people["owner"].id)).id
    owner = client_of("owner")
    response = owner.post(f"/lists/{inbox}/members", data={"email": "eddie@example.com", "role": "viewer"})
    assert response.status_code == 422 and "The Inbox is private: share another list." in response.text
    assert owner.post(f"/lists/{inbox}/leave", follow_redirects=True).status_code == 200
    assert owner.get(f"/lists/{inbox}").status_code == 200
    assert 'action="/lists/{inbox}/leave"' not in owner.get(f"/lists/{inbox}").text


def test_a_shared_list_is_in_each_members_navigation_and_lists_page_marked_shared_by_its_owner(household, client_of):
    for role in ("editor", "viewer"):
        client = client_of(role)
        nav = client.get("/tasks/").text.split("</nav>", 2)[1]
        assert 'Household <span class="small">(shared by olivia@example.com)</span>' in nav
        lists = client.get("/lists/").text
        assert re.search(r">Household</a> <span class=\"shared-by[^\"]*\">shared by olivia@example.com</span>", lists)
    assert "shared by" not in client_of("owner").get("/lists/").text
    assert "Household" not in client_of("outsider").get("/lists/").text


def test_a_viewer_sees_the_task_and_list_without_any_edit_control(household, client_of):
    viewer = client_of("viewer")
    task_page = viewer.get(f"/tasks/{household.task}").text
    assert "Water the plants" in task_page
    for control in (f"/tasks/{household.task}/edit", f"/tasks/{household.task}/complete", "/delete"):
        assert control not in task_page
    list_page = viewer.get(f"/lists/{household.list}").text
    assert "Water the plants" in list_page and "You are a viewer of this list" in list_page
    for control in ('id="bulk"', 'name="ids"', "/quick-add", 'href="/tasks/new', "/edit", "/members"):
        assert control not in list_page
    editor_page = client_of("editor").get(f"/lists/{household.list}").text
    assert 'id="bulk"' in editor_page and "/quick-add" in editor_page and "/members" not in editor_page


def test_a_viewers_forged_bulk_action_changes_nothing_and_says_so(household, client_of):
    viewer = client_of("viewer")
    page = viewer.post("/tasks/bulk", data={"action": "complete", "ids": [household.task]}, follow_redirects=True).text
    assert "1 task left unchanged: you may only view its list." in page
    assert "0 tasks set to Completed." in page
    assert "Pending" in client_of("owner").get(f"/tasks/{household.task}").text


def test_an_editor_changes_a_shared_task_and_its_owner_sees_the_change(household, client_of):
    editor = client_of("editor")
    response = editor.post(
        f"/tasks/{household.task}/edit", data={"title": "Water the ferns", "status": "pending", "version": 1}
    )
    assert response.status_code == 302
    assert "Water the ferns" in client_of("owner").get(f"/lists/{household.list}").text
