"""The API's days and times follow the token owner's time zone, and the account resource carries it."""

import pytest
from factories import set_zone
from timekeeping.midnights import AROUND_MIDNIGHT, NOV_30


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
