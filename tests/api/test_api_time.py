"""The API's days and times follow the token owner's time zone, and the account resource carries it."""

from datetime import UTC, datetime

import pytest
from factories import set_zone
from timekeeping.midnights import AROUND_MIDNIGHT, NOV_30

from .helpers import field_locs


@pytest.mark.parametrize("zone, instant, local_day", AROUND_MIDNIGHT)
def test_the_api_filters_by_the_token_owners_today(app, alice, alice_api, clock_at, zone, instant, local_day):
    set_zone(app, alice, zone)
    clock_at(instant)
    alice_api.post("/tasks/", json={"title": "Due Nov 30", "due_date": NOV_30.isoformat()})
    titles = [task["title"] for task in alice_api.get("/tasks/?due=overdue").get_json()["items"]]
    assert titles == ([] if local_day == NOV_30 else ["Due Nov 30"])


def test_your_own_account_carries_its_time_zone(app, alice, alice_api):
    set_zone(app, alice, "Pacific/Kiritimati")
    assert alice_api.get("/users/me").get_json()["time_zone"] == "Pacific/Kiritimati"


@pytest.fixture
def task_id(alice_api):
    return alice_api.post("/tasks/", json={"title": "Pay rent", "due_date": "2026-12-10"}).get_json()["id"]


def test_reminders_are_added_read_with_the_task_and_deleted(app, alice, alice_api, clock_at, task_id):
    clock_at(datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    set_zone(app, alice, "Pacific/Kiritimati")
    at = alice_api.post(f"/tasks/{task_id}/reminders", json={"remind_at": "2026-12-01T09:00:00+01:00"})
    local = alice_api.post(f"/tasks/{task_id}/reminders", json={"remind_at": "2026-12-01T09:00:00"})
    before = alice_api.post(f"/tasks/{task_id}/reminders", json={"days_before": 1, "at_time": "18:00"})
    assert (at.status_code, local.status_code, before.status_code) == (201, 201, 201)

    task = alice_api.get(f"/tasks/{task_id}").get_json()
    fire_times = [reminder["fire_at"] for reminder in task["reminders"]]
    # 09:00 at UTC+1; 09:00 in the owner's zone (UTC+14); Dec 9 at 18:00 there.
    assert fire_times == ["2026-12-01T08:00:00Z", "2026-11-30T19:00:00Z", "2026-12-09T04:00:00Z"]
    assert task["reminders"][2] | {"id": 0} == {
        "id": 0,
        "remind_at": None,
        "days_before": 1,
        "at_time": "18:00:00",
        "fire_at": "2026-12-09T04:00:00Z",
        "sent_at": None,
        "late": False,
    }
    listed = alice_api.get("/tasks/").get_json()["items"][0]
    assert [r["fire_at"] for r in listed["reminders"]] == fire_times

    changed = alice_api.patch(f"/tasks/{task_id}", json={"due_date": "2026-12-20", "version": task["version"]})
    assert changed.get_json()["reminders"][2]["fire_at"] == "2026-12-19T04:00:00Z"

    assert alice_api.delete(f"/tasks/{task_id}/reminders/{at.get_json()['id']}").status_code == 204
    assert len(alice_api.get(f"/tasks/{task_id}").get_json()["reminders"]) == 2


@pytest.mark.parametrize(
    "body, field",
    [
        ({"remind_at": "2020-01-01T09:00:00Z"}, "remind_at"),
        ({"days_before": 1}, "at_time"),
        ({"days_before": 400, "at_time": "09:00"}, "days_before"),
        ({"days_before": "1", "at_time": "09:00"}, "days_before"),
        ({"at_time": "09:00"}, "days_before"),
        ({"remind_at": "soon"}, "remind_at"),
        ({"when": "tomorrow"}, "when"),
    ],
)
def test_a_reminder_that_cannot_go_off_names_its_field(alice_api, task_id, body, field):
    answer = alice_api.post(f"/tasks/{task_id}/reminders", json=body)
    assert answer.status_code in (400, 422)
    assert field in field_locs(answer)


def test_another_persons_task_has_no_reminders_for_you(alice_api, bob_api, task_id):
    assert bob_api.post(f"/tasks/{task_id}/reminders", json={"days_before": 0, "at_time": "09:00"}).status_code == 404
    assert bob_api.delete(f"/tasks/{task_id}/reminders/1").status_code == 404
