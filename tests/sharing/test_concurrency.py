"""Two members working on one shared task keep the one-person rules: a stale save is refused with the stored
task shown, and two completions of one repeating task make one next occurrence."""

import threading

from helpers import TODAY
from recurring.test_completion_races import run_together
from sqlalchemy import func, select

from webapp import crud
from webapp.extensions import db
from webapp.models import Task


def test_the_second_members_save_of_a_stale_version_is_409_with_the_stored_values(household, client_of):
    owner, editor = client_of("owner"), client_of("editor")
    form = {"title": "Water the ferns", "status": "pending", "version": 1}
    assert owner.post(f"/tasks/{household.task}/edit", data=form).status_code == 302
    response = editor.post(f"/tasks/{household.task}/edit", data={**form, "title": "Water the roses"})
    assert response.status_code == 409
    assert "This task was changed elsewhere since you opened it." in response.text
    assert 'value="Water the ferns"' in response.text and 'name="version" type="hidden" value="2"' in response.text


def test_two_members_completing_one_repeating_task_at_once_make_one_next_occurrence(app, household):
    with app.app_context():
        owner = crud.get_user(household.people["owner"].id)
        task_id = crud.create_task(
            owner, "Take out the bins", list_id=household.list, due_date=TODAY, recurrence="FREQ=WEEKLY"
        ).id
    members = iter(["owner", "editor"])
    lock = threading.Lock()
    both_ready = threading.Barrier(2, timeout=30)

    def complete():
        with lock:
            member = household.people[next(members)].id
        both_ready.wait()
        return crud.complete_task(crud.get_user(member), task_id).status.value

    assert run_together(app, complete) == ["completed", "completed"]
    with app.app_context():
        copies = db.session.scalar(select(func.count()).where(Task.title == "Take out the bins"))
        assert copies == 2
