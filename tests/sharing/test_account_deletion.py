"""A member who deletes their account leaves the tasks they wrote in someone else's shared list behind: they
belong to the list, which is stored under its owner. A shared list stored under the deleted account passes,
with its tasks, to the member who carries on with it."""

from helpers import PASSWORD

from webapp import crud
from webapp.extensions import db
from webapp.models import ListMember, ListRole, Task, TaskList, User


def test_the_tasks_a_deleted_editor_wrote_in_a_shared_list_stay_with_the_list(app, household, client_of):
    editor = client_of("editor")
    response = editor.post("/tasks/new", data={"title": "Fix the tap", "status": "pending", "list_id": household.list})
    assert response.status_code == 302
    response = editor.post("/account/delete", data={"delete_account-password": PASSWORD})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, household.people["editor"].id) is None
        assert db.session.get(ListMember, (household.list, household.people["editor"].id)) is None
        task = db.session.scalars(db.select(Task).where(Task.title == "Fix the tap")).one()
        assert (task.list_id, task.owner_id) == (household.list, household.people["owner"].id)
        olivia = crud.get_user(household.people["owner"].id)
        assert crud.get_task(olivia, task.id).title == "Fix the tap"


def deleting(app, client, email: str) -> None:
    response = client.post("/account/delete", data={"delete_account-password": PASSWORD})
    assert response.status_code == 302
    with app.app_context():
        assert crud.get_user_by_email(email) is None


def test_a_shared_list_passes_to_another_owner_with_its_tasks_when_its_account_is_deleted(
    app, accounts, household, client_of
):
    other_owner = accounts.create("otto@example.com")
    with app.app_context():
        olivia = crud.get_user(household.people["owner"].id)
        crud.add_member(olivia, household.list, other_owner.email, ListRole.OWNER)
    deleting(app, client_of("owner"), "olivia@example.com")
    with app.app_context():
        task_list = db.session.get(TaskList, household.list)
        assert (task_list.name, task_list.owner_id) == ("Household", other_owner.id)
        tasks = db.session.scalars(db.select(Task).where(Task.list_id == household.list)).all()
        assert {(task.id, task.owner_id) for task in tasks} == {
            (household.task, other_owner.id),
            (household.trashed, other_owner.id),
        }
        # The editor and the viewer keep their roles; the new owner's pages show the list and its task.
        roles = dict(
            db.session.execute(
                db.select(ListMember.user_id, ListMember.role).where(ListMember.list_id == household.list)
            ).all()
        )
        assert roles == {
            other_owner.id: ListRole.OWNER,
            household.people["editor"].id: ListRole.EDITOR,
            household.people["viewer"].id: ListRole.VIEWER,
        }
        assert crud.get_task(crud.get_user(other_owner.id), household.task).title == "Water the plants"


def test_without_another_owner_the_longest_standing_editor_becomes_its_owner(app, accounts, household, client_of):
    later_editor = accounts.create("erin@example.com")
    with app.app_context():
        olivia = crud.get_user(household.people["owner"].id)
        crud.add_member(olivia, household.list, later_editor.email, ListRole.EDITOR)
    deleting(app, client_of("owner"), "olivia@example.com")
    eddie = household.people["editor"].id
    with app.app_context():
        assert db.session.get(TaskList, household.list).owner_id == eddie
        assert db.session.get(ListMember, (household.list, eddie)).role is ListRole.OWNER
        assert db.session.get(ListMember, (household.list, later_editor.id)).role is ListRole.EDITOR
        assert db.session.get(Task, household.task).owner_id == eddie


def test_a_list_shared_only_with_a_viewer_passes_to_that_viewer(app, accounts):
    owner, viewer = accounts.create("olivia@example.com"), accounts.create("vera@example.com")
    with app.app_context():
        olivia = crud.get_user(owner.id)
        task_list = crud.create_list(olivia, "Recipes")
        crud.add_member(olivia, task_list.id, viewer.email, ListRole.VIEWER)
        task = crud.create_task(olivia, "Pancakes", list_id=task_list.id)
        list_id, task_id = task_list.id, task.id
    client = app.test_client()
    accounts.login(client, owner.email)
    deleting(app, client, owner.email)
    with app.app_context():
        assert db.session.get(ListMember, (list_id, viewer.id)).role is ListRole.OWNER
        assert db.session.get(Task, task_id).owner_id == viewer.id


def test_the_heir_who_has_a_list_of_that_name_gets_it_under_a_numbered_name(app, household, client_of):
    eddie = household.people["editor"].id
    with app.app_context():
        crud.create_list(crud.get_user(eddie), "household")
    deleting(app, client_of("owner"), "olivia@example.com")
    with app.app_context():
        assert db.session.get(TaskList, household.list).name == "Household (2)"


def test_the_deleted_accounts_private_lists_go_with_it(app, household, client_of):
    with app.app_context():
        olivia = crud.get_user(household.people["owner"].id)
        private = crud.create_list(olivia, "Diary")
        crud.create_task(olivia, "Write", list_id=private.id)
        private_id = private.id
    deleting(app, client_of("owner"), "olivia@example.com")
    with app.app_context():
        assert db.session.get(TaskList, private_id) is None
        assert db.session.scalars(db.select(Task).where(Task.list_id == private_id)).all() == []
