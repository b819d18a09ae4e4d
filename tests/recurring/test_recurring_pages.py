"""Repeating tasks through the pages: the form's plain fields, the rule in words, and the next occurrence
made however a task is completed."""

from datetime import date

import pytest
from factories import post_task, repeat
from helpers import created_id

from webapp import crud
from webapp.models import Task, TaskStatus

MONDAY = date(2030, 6, 10)


def new_repeating_task(client, due_date=MONDAY, title="Water the plants", **fields) -> int:
    return created_id(post_task(client, title=title, due_date=due_date, **fields))


def occurrences(app, title="Water the plants") -> list[Task]:
    """Every task of that title, oldest first, with its labels."""
    with app.app_context():
        tasks = sorted(
            (task for task in crud.list_tasks(crud.get_user_by_email("alice@example.com"), per_page=100).items),
            key=lambda task: task.id,
        )
        return [task for task in tasks if task.title == title]


def test_the_task_page_states_the_rule_in_words(alice_client):
    task_id = new_repeating_task(alice_client, **repeat("WEEKLY", interval=2, weekdays=["0", "3"]))
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "Every 2 weeks on Monday and Thursday, from the due date" in page


def test_the_edit_form_shows_the_stored_rule_in_its_fields(alice_client):
    task_id = new_repeating_task(
        alice_client, **repeat("MONTHLY", monthly="weekday", nth="-1", nth_weekday="4", ends="count", count="6")
    )
    page = alice_client.get(f"/tasks/{task_id}/edit").text
    assert '<option selected value="MONTHLY">' in page
    assert 'checked class="form-check-input" id="repeat_monthly-1"' in page
    assert '<option selected value="-1">' in page and '<option selected value="4">' in page
    assert 'value="6"' in page
    assert "This and the following tasks" in page


def test_a_task_that_does_not_repeat_is_not_asked_which_tasks_an_edit_is_for(alice_client):
    task_id = created_id(post_task(alice_client))
    assert "This and the following tasks" not in alice_client.get(f"/tasks/{task_id}/edit").text


def test_fields_that_do_not_apply_are_ignored_even_when_filled_with_nonsense(alice_client, app):
    new_repeating_task(
        alice_client, **repeat("DAILY", weekdays=["9"], month_day="abc", until="never", count="x", nth="7")
    )
    [task] = occurrences(app)
    assert (task.recurrence, task.repeat_from_completion) == ("FREQ=DAILY", False)


@pytest.mark.parametrize(
    "fields, field_id, message",
    [
        (repeat("DAILY", ends="count", count="0"), "repeat_count", "needs 1 to"),
        (repeat("DAILY", ends="count"), "repeat_count", "Enter how many times."),
        (repeat("DAILY", ends="until", until="2030-06-01"), "repeat_until", "before the due date"),
        (repeat("DAILY", ends="until"), "repeat_until", "Enter the end date."),
        (repeat("DAILY", interval="0"), "repeat_interval", "Repeat every 1 to 999 days."),
        (repeat("MONTHLY", month_day="32"), "repeat_month_day", "A day of the month is 1 to 31."),
        (repeat("WEEKLY", interval="many"), "repeat_interval", "Not a valid integer value."),
        ({**repeat("WEEKLY"), "due_date": ""}, "due_date", "A repeating task needs a due date."),
    ],
)
def test_a_rule_that_cannot_repeat_gets_a_message_next_to_its_field_and_nothing_is_stored(
    alice_client, app, fields, field_id, message
):
    data = {"due_date": MONDAY.isoformat(), **fields}
    response = post_task(alice_client, **data)
    assert response.status_code == 422
    field_part = response.text.split(f'id="{field_id}"', 1)[1].split("</div>\n", 3)
    assert message in "".join(field_part[:3])
    assert occurrences(app) == []


def test_completing_an_occurrence_on_its_page_keeps_it_and_makes_the_next_one(alice_client, app):
    with app.app_context():
        alice = crud.get_user_by_email("alice@example.com")
        label = crud.create_label(alice, "Home")
        other = crud.create_list(alice, "Garden")
        label_id, list_id = label.id, other.id
    task_id = new_repeating_task(
        alice_client,
        description="Twice a week",
        priority="3",
        list_id=str(list_id),
        label_ids=[str(label_id)],
        **repeat("WEEKLY", weekdays=["0", "3"]),
    )
    alice_client.post(f"/tasks/{task_id}/complete")
    first, second = occurrences(app)
    assert first.id == task_id and first.status is TaskStatus.COMPLETED
    assert (second.status, second.due_date) == (TaskStatus.PENDING, date(2030, 6, 13))
    assert (second.description, int(second.priority), second.list_id) == ("Twice a week", 3, list_id)
    assert [label.id for label in second.labels] == [label_id]
    assert (second.series_id, second.follows_id, second.recurrence) == (task_id, task_id, first.recurrence)
    page = alice_client.get(f"/tasks/{task_id}").text
    assert f'href="/tasks/{second.id}">Next occurrence</a>, due 2030-06-13' in page


def complete_from_list(client, task_id):
    client.post("/tasks/bulk", data={"action": "complete", "ids": [task_id]})


def complete_by_bulk_status(client, task_id):
    client.post("/tasks/bulk", data={"action": "set_status", "status": "completed", "ids": [task_id]})


def complete_on_the_board(client, task_id):
    page = client.get(f"/tasks/{task_id}").text
    list_id = page.split('<li class="breadcrumb-item"><a href="/lists/', 1)[1].split('"', 1)[0]
    client.post(f"/lists/{list_id}/board/move", data={"task_id": task_id, "version": 1, "status": "completed"})


def complete_by_editing(client, task_id):
    client.post(
        f"/tasks/{task_id}/edit",
        data={
            "title": "Water the plants",
            "status": "completed",
            "due_date": MONDAY.isoformat(),
            "version": 1,
            **repeat("DAILY", interval="3"),
        },
    )


@pytest.mark.parametrize(
    "complete", [complete_from_list, complete_by_bulk_status, complete_on_the_board, complete_by_editing]
)
def test_however_an_occurrence_is_completed_the_next_one_is_made_once(alice_client, app, complete):
    task_id = new_repeating_task(alice_client, **repeat("DAILY", interval="3"))
    complete(alice_client, task_id)
    complete(alice_client, task_id)  # completing it again makes no second one
    first, second = occurrences(app)
    assert first.status is TaskStatus.COMPLETED
    assert (second.due_date, second.status, second.follows_id) == (date(2030, 6, 13), TaskStatus.PENDING, task_id)


def test_reopening_and_completing_again_makes_no_second_next_occurrence(alice_client, app):
    task_id = new_repeating_task(alice_client, **repeat("DAILY"))
    alice_client.post(f"/tasks/{task_id}/complete")
    complete_by_bulk_status(alice_client, task_id)
    alice_client.post("/tasks/bulk", data={"action": "set_status", "status": "pending", "ids": [task_id]})
    alice_client.post(f"/tasks/{task_id}/complete")
    assert len(occurrences(app)) == 2


def test_a_rule_counted_from_completion_steps_from_the_day_it_is_completed(alice_client, app, today):
    task_id = new_repeating_task(alice_client, due_date=date(2030, 6, 1), **repeat("WEEKLY", counts_from="completion"))
    alice_client.post(f"/tasks/{task_id}/complete")
    assert occurrences(app)[1].due_date == date(2030, 6, 19)  # a week after today, 2030-06-12
    assert "Every week, from the completion date" in alice_client.get(f"/tasks/{task_id}").text


def test_a_counted_rule_stops_after_its_last_occurrence(alice_client, app):
    task_id = new_repeating_task(alice_client, **repeat("DAILY", ends="count", count="2"))
    alice_client.post(f"/tasks/{task_id}/complete")
    second = occurrences(app)[1]
    assert "Every day, this is the last time" in alice_client.get(f"/tasks/{second.id}").text
    alice_client.post(f"/tasks/{second.id}/complete")
    assert [task.status for task in occurrences(app)] == [TaskStatus.COMPLETED, TaskStatus.COMPLETED]


def test_a_monthly_task_due_on_the_31st_falls_on_the_last_day_of_february(alice_client, app):
    task_id = new_repeating_task(alice_client, due_date=date(2031, 1, 31), **repeat("MONTHLY"))
    alice_client.post(f"/tasks/{task_id}/complete")
    second = occurrences(app)[1]
    assert second.due_date == date(2031, 2, 28)
    alice_client.post(f"/tasks/{second.id}/complete")
    assert occurrences(app)[2].due_date == date(2031, 3, 31)


def edit_repeating(client, task_id, scope, **fields):
    data = {"title": "Water the plants", "status": "pending", "due_date": MONDAY.isoformat(), "version": 1}
    return client.post(f"/tasks/{task_id}/edit", data={**data, **repeat("WEEKLY"), "scope": scope, **fields})


def test_editing_this_task_only_leaves_the_series_as_it_was(alice_client, app):
    task_id = new_repeating_task(alice_client, **repeat("WEEKLY"))
    edit_repeating(alice_client, task_id, "this", title="Water the plants twice", due_date="2030-06-11")
    edited, series = sorted(occurrences(app) + occurrences(app, "Water the plants twice"), key=lambda t: t.id)
    assert (edited.title, edited.due_date) == ("Water the plants twice", date(2030, 6, 11))
    assert (series.title, series.due_date, series.follows_id) == ("Water the plants", date(2030, 6, 17), task_id)
    alice_client.post(f"/tasks/{task_id}/complete")  # its next occurrence is made already
    assert len(occurrences(app)) == 1


def test_editing_this_and_the_following_carries_the_change_to_the_next_occurrence(alice_client, app):
    task_id = new_repeating_task(alice_client, **repeat("WEEKLY"))
    edit_repeating(alice_client, task_id, "following", title="Water the roses", **repeat("DAILY"))
    alice_client.post(f"/tasks/{task_id}/complete")
    first, second = occurrences(app, "Water the roses")
    assert first.status is TaskStatus.COMPLETED
    assert (second.due_date, second.recurrence) == (date(2030, 6, 11), "FREQ=DAILY")


def test_changing_the_rule_for_this_task_only_is_refused_next_to_the_choice(alice_client, app):
    task_id = new_repeating_task(alice_client, **repeat("WEEKLY"))
    response = edit_repeating(alice_client, task_id, "this", **repeat("DAILY"))
    assert response.status_code == 422
    assert "applies to this and the following tasks" in response.text.split('id="scope-1"', 1)[1]
    [task] = occurrences(app)
    assert task.recurrence == "FREQ=WEEKLY"


def test_a_rule_can_be_removed(alice_client, app):
    task_id = new_repeating_task(alice_client, **repeat("WEEKLY"))
    edit_repeating(alice_client, task_id, "following", repeat_frequency="")
    alice_client.post(f"/tasks/{task_id}/complete")
    [task] = occurrences(app)
    assert task.recurrence is None
