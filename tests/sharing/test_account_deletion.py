"""A member who deletes their account leaves the tasks they wrote in someone else's shared list behind: they
belong to the list, which is stored under its owner."""

from helpers import PASSWORD

from webapp import crud
from webapp.extensions import db
from webapp.models import ListMember, Task, User


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
