"""Repeat rules through the JSON API: read and written as RFC 5545 RRULE text, never dropped by a partial update."""

import pytest
from factories import post_task, repeat
from helpers import created_id

from .helpers import field_locs


def test_the_api_creates_and_reads_a_repeating_task(alice_api):
    response = alice_api.post(
        "/tasks/",
        json={
            "title": "Pay rent",
            "due_date": "2031-01-31",
            "recurrence": "FREQ=MONTHLY",
            "repeat_from_completion": False,
        },
    )
    assert response.status_code == 201
    task = alice_api.get(f"/tasks/{response.get_json()['id']}").get_json()
    assert task["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
    assert (task["repeat_from_completion"], task["series_id"], task["follows_id"]) == (False, None, None)


def test_a_partial_update_never_drops_the_rule(alice_api):
    task_id = alice_api.post(
        "/tasks/", json={"title": "Pay rent", "due_date": "2031-01-15", "recurrence": "FREQ=MONTHLY;COUNT=12"}
    ).get_json()["id"]
    changed = alice_api.patch(f"/tasks/{task_id}", json={"title": "Pay the rent", "version": 1}).get_json()
    assert (changed["title"], changed["recurrence"]) == ("Pay the rent", "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12")
    cleared = alice_api.patch(f"/tasks/{task_id}", json={"recurrence": None, "version": 2}).get_json()
    assert cleared["recurrence"] is None


def test_completing_through_the_api_makes_the_next_occurrence(alice_api):
    task_id = alice_api.post(
        "/tasks/", json={"title": "Stand-up", "due_date": "2030-06-10", "recurrence": "FREQ=WEEKLY;BYDAY=MO,TH"}
    ).get_json()["id"]
    alice_api.patch(f"/tasks/{task_id}", json={"status": "completed", "version": 1})
    tasks = alice_api.get("/tasks/?status=pending").get_json()["items"]
    assert [(t["due_date"], t["follows_id"], t["series_id"]) for t in tasks] == [("2030-06-13", task_id, task_id)]


def test_the_api_edits_this_task_only_when_asked(alice_api):
    task_id = alice_api.post(
        "/tasks/", json={"title": "Stand-up", "due_date": "2030-06-10", "recurrence": "FREQ=WEEKLY"}
    ).get_json()["id"]
    alice_api.patch(f"/tasks/{task_id}", json={"due_date": "2030-06-11", "scope": "this", "version": 1})
    tasks = alice_api.get("/tasks/?sort=due").get_json()["items"]
    assert [(t["id"] == task_id, t["due_date"]) for t in tasks] == [(True, "2030-06-11"), (False, "2030-06-17")]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"due_date": "2030-06-10", "recurrence": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "recurrence"),
        ({"due_date": "2030-06-10", "recurrence": "FREQ=DAILY;COUNT=0"}, "recurrence"),
        ({"due_date": "2030-06-10", "recurrence": "FREQ=DAILY;UNTIL=20300601"}, "recurrence"),
        ({"recurrence": "FREQ=DAILY"}, "due_date"),
        ({"due_date": "2030-06-10", "recurrence": "FREQ=SECONDLY"}, "recurrence"),
    ],
)
def test_the_api_refuses_a_rule_that_never_repeats_naming_the_field(alice_api, body, field):
    response = alice_api.post("/tasks/", json={"title": "Never", **body})
    assert response.status_code == 400
    assert field_locs(response) == {field}
    assert alice_api.get("/tasks/").get_json()["total"] == 0


def test_removing_the_due_date_of_a_repeating_task_is_refused(alice_api):
    task_id = alice_api.post(
        "/tasks/", json={"title": "Stand-up", "due_date": "2030-06-10", "recurrence": "FREQ=WEEKLY"}
    ).get_json()["id"]
    response = alice_api.patch(f"/tasks/{task_id}", json={"due_date": None, "version": 1})
    assert (response.status_code, field_locs(response)) == (400, {"due_date"})


def test_a_task_made_by_the_form_reads_the_same_in_the_api(alice_client, alice_api):
    task_id = created_id(
        post_task(alice_client, due_date="2030-06-10", **repeat("MONTHLY", monthly="weekday", nth="2", nth_weekday="1"))
    )
    assert alice_api.get(f"/tasks/{task_id}").get_json()["recurrence"] == "FREQ=MONTHLY;BYDAY=2TU"
