"""Each person's days are their own: today, overdue, due this week and quick-add dates follow the time zone
chosen on the account page, and times are shown in it, with its name."""

from datetime import UTC, date, timedelta

import pytest
from factories import new_task, set_zone
from helpers import listed_titles

from webapp import crud
from webapp.extensions import db
from webapp.models import User

from .midnights import AROUND_MIDNIGHT, DEC_1, NOV_30


def inbox_id(app, user) -> int:
    with app.app_context():
        return crud.get_inbox(db.session.get(User, user.id)).id


@pytest.mark.parametrize("zone, instant, local_day", AROUND_MIDNIGHT)
def test_today_and_overdue_turn_at_the_persons_own_midnight(
    app, alice, alice_client, clock_at, zone, instant, local_day
):
    set_zone(app, alice, zone)
    clock_at(instant)
    new_task(alice_client, "Due Nov 30", due_date=NOV_30)
    new_task(alice_client, "Due Dec 7", due_date=date(2026, 12, 7))

    today = listed_titles(alice_client.get("/tasks/?due=today").get_data(as_text=True))
    overdue = listed_titles(alice_client.get("/tasks/?due=overdue").get_data(as_text=True))
    this_week = listed_titles(alice_client.get("/tasks/?due=week").get_data(as_text=True))

    if local_day == NOV_30:
        assert (today, overdue, this_week) == (["Due Nov 30"], [], ["Due Nov 30"])
    else:
        assert (today, overdue, this_week) == ([], ["Due Nov 30"], ["Due Dec 7"])


@pytest.mark.parametrize("zone, instant, local_day", AROUND_MIDNIGHT)
def test_quick_add_words_count_from_the_persons_own_today(app, alice, alice_client, clock_at, zone, instant, local_day):
    set_zone(app, alice, zone)
    clock_at(instant)
    inbox = inbox_id(app, alice)
    for text in ("Call mum today", "Pay rent tomorrow"):
        alice_client.post(f"/lists/{inbox}/quick-add", data={"text": text})
    with app.app_context():
        due = {task.title: task.due_date for task in crud.list_tasks(db.session.get(User, alice.id)).items}
    assert due == {"Call mum": local_day, "Pay rent": local_day + timedelta(days=1)}


@pytest.mark.parametrize("zone, instant, local_day", AROUND_MIDNIGHT)
def test_the_task_page_and_the_lists_counts_mark_overdue_in_the_persons_zone(
    app, alice, alice_client, clock_at, zone, instant, local_day
):
    set_zone(app, alice, zone)
    clock_at(instant)
    task_id = new_task(alice_client, "Due Nov 30", due_date=NOV_30)
    page = alice_client.get(f"/tasks/{task_id}").get_data(as_text=True)
    lists = alice_client.get("/lists/").get_data(as_text=True)
    assert ("(overdue)" in page) == (local_day == DEC_1)
    assert ("1 overdue" in lists) == (local_day == DEC_1)


def test_created_times_are_shown_in_the_persons_zone_with_its_name(app, alice, alice_client):
    set_zone(app, alice, "Asia/Kolkata")
    task_id = new_task(alice_client, "Stamp")
    with app.app_context():
        created = db.session.get(User, alice.id) and crud.get_task(db.session.get(User, alice.id), task_id).created_at
    local = created.replace(tzinfo=UTC) + timedelta(hours=5, minutes=30)
    page = alice_client.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert f"{local:%b} {local.day}, {local:%Y %H:%M} Asia/Kolkata" in page


def test_the_account_page_offers_every_zone_and_saves_the_one_chosen(app, alice, alice_client):
    page = alice_client.get("/account").get_data(as_text=True)
    assert 'list="time-zone-names"' in page
    assert '<option value="Pacific/Kiritimati">' in page and '<option value="Etc/GMT+12">' in page

    answer = alice_client.post("/account/time-zone", data={"time_zone-time_zone": "America/Argentina/Salta"})

    assert answer.status_code == 302
    assert "Your time zone is now America/Argentina/Salta." in alice_client.get("/account").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, alice.id).time_zone == "America/Argentina/Salta"


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "europe/berlin", "../../etc/passwd"])
def test_an_unknown_zone_gets_a_message_next_to_the_field_and_changes_nothing(app, alice, alice_client, name):
    set_zone(app, alice, "Europe/Berlin")
    answer = alice_client.post("/account/time-zone", data={"time_zone-time_zone": name})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "is not a time zone we know" in page and 'class="invalid-feedback' in page
    with app.app_context():
        assert db.session.get(User, alice.id).time_zone == "Europe/Berlin"


@pytest.mark.parametrize(
    "proposed, kept", [("Australia/Sydney", "Australia/Sydney"), ("", "UTC"), ("Atlantis/Capital", "UTC")]
)
def test_registration_keeps_the_zone_the_browser_proposed_or_utc(app, admin, client, proposed, kept):
    form = client.get("/register").get_data(as_text=True)
    assert 'name="time_zone"' in form and "data-browser-time-zone" in form and 'value="UTC"' in form
    client.post(
        "/register",
        data={
            "email": "new@example.com",
            "password": "a long enough pass",
            "confirm": "a long enough pass",
            "time_zone": proposed,
        },
    )
    with app.app_context():
        assert crud.get_user_by_email("new@example.com").time_zone == kept
