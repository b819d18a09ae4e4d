"""Reminders on a task: at a date and time, or relative to the due date, in the person's zone; stored as
the UTC instant they fire at, which follows the due date and the zone."""

from datetime import UTC, date, datetime, time

import pytest
from factories import new_task, set_zone

from webapp import crud
from webapp.extensions import db
from webapp.models import Reminder, User

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_now(clock_at):
    return clock_at(NOW)


def reminders_of(app, task_id) -> list[Reminder]:
    with app.app_context():
        return list(db.session.scalars(db.select(Reminder).where(Reminder.task_id == task_id).order_by(Reminder.id)))


def add_at(client, task_id, when: str):
    return client.post(f"/tasks/{task_id}/reminders/at", data={"reminder_at-remind_at": when})


def add_before_due(client, task_id, days: str, at: str):
    return client.post(
        f"/tasks/{task_id}/reminders/before-due",
        data={"reminder_before-days_before": days, "reminder_before-at_time": at},
    )


def test_a_reminder_at_a_time_is_that_time_in_the_persons_zone(app, alice, alice_client):
    set_zone(app, alice, "Pacific/Kiritimati")
    task_id = new_task(alice_client, "Call the bank")

    answer = add_at(alice_client, task_id, "2026-12-01T09:00")

    assert answer.status_code == 302
    (reminder,) = reminders_of(app, task_id)
    assert reminder.fire_at == datetime(2026, 11, 30, 19, 0)  # 09:00 at UTC+14
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "At Dec 1, 2026 09:00 Pacific/Kiritimati" in page


def test_a_reminder_before_the_due_date_is_at_that_local_time_and_follows_the_due_date(app, alice, alice_client):
    set_zone(app, alice, "Etc/GMT+12")
    task_id = new_task(alice_client, "Pay rent", due_date="2026-12-10")

    assert add_before_due(alice_client, task_id, "1", "18:00").status_code == 302
    assert reminders_of(app, task_id)[0].fire_at == datetime(2026, 12, 10, 6, 0)  # Dec 9, 18:00 at UTC-12
    assert "1 day before the due date at 18:00" in alice_client.get(f"/tasks/{task_id}").text

    alice_client.post(
        f"/tasks/{task_id}/edit",
        data={
            "title": "Pay rent",
            "status": "pending",
            "due_date": "2026-12-20",
            "version": 1,
            "list_id": inbox(app, alice),
            "priority": 0,
        },
    )
    assert reminders_of(app, task_id)[0].fire_at == datetime(2026, 12, 20, 6, 0)

    alice_client.post(
        f"/tasks/{task_id}/edit",
        data={
            "title": "Pay rent",
            "status": "pending",
            "due_date": "",
            "version": 2,
            "list_id": inbox(app, alice),
            "priority": 0,
        },
    )
    assert reminders_of(app, task_id)[0].fire_at is None
    assert "waits for a due date" in alice_client.get(f"/tasks/{task_id}").text


def test_on_the_due_date_follows_the_persons_zone_when_it_changes(app, alice, alice_client):
    task_id = new_task(alice_client, "Water plants", due_date="2026-12-10")
    add_before_due(alice_client, task_id, "0", "09:00")
    assert reminders_of(app, task_id)[0].fire_at == datetime(2026, 12, 10, 9, 0)

    alice_client.post("/account/time-zone", data={"time_zone-time_zone": "Pacific/Kiritimati"})

    assert reminders_of(app, task_id)[0].fire_at == datetime(2026, 12, 9, 19, 0)


@pytest.mark.parametrize(
    "send, field, message",
    [
        (lambda c, t: add_at(c, t, "2026-11-30T11:59"), "remind_at", "That time has passed already"),
        (lambda c, t: add_at(c, t, "tomorrow at nine"), "remind_at", "Not a valid datetime value"),
        (lambda c, t: add_at(c, t, ""), "remind_at", "Choose a date and a time"),
        (lambda c, t: add_before_due(c, t, "1", "18:00"), "days_before", "This task has no due date yet"),
        (lambda c, t: add_before_due(c, t, "400", "18:00"), "days_before", "Choose 0 (on the due date) to 365"),
        (lambda c, t: add_before_due(c, t, "-1", "18:00"), "days_before", "Choose 0 (on the due date) to 365"),
        (lambda c, t: add_before_due(c, t, "1", ""), "at_time", "Choose the time of day"),
    ],
)
def test_a_reminder_that_cannot_go_off_gets_a_message_next_to_its_field(app, alice, alice_client, send, field, message):
    task_id = new_task(alice_client, "No due date")
    answer = send(alice_client, task_id)
    assert answer.status_code == 422
    page = answer.text
    field_at = page.index(f'name="reminder_{"at" if field == "remind_at" else "before"}-{field}"')
    assert message in page[field_at : field_at + 1500]
    assert reminders_of(app, task_id) == []


def test_a_person_keeps_at_most_ten_reminders_on_a_task(app, alice, alice_client):
    task_id = new_task(alice_client, "Busy")
    for hour in range(10):
        assert add_at(alice_client, task_id, f"2026-12-01T{hour:02}:00").status_code == 302
    answer = add_at(alice_client, task_id, "2026-12-01T11:00")
    assert answer.status_code == 422 and "at most 10 reminders" in answer.text
    assert len(reminders_of(app, task_id)) == 10


def test_reminders_of_another_persons_task_are_out_of_reach(app, alice, alice_client, bob_client):
    task_id = new_task(alice_client, "Mine")
    add_at(alice_client, task_id, "2026-12-01T09:00")
    (reminder,) = reminders_of(app, task_id)
    assert add_at(bob_client, task_id, "2026-12-01T10:00").status_code == 404
    assert bob_client.post(f"/tasks/{task_id}/reminders/{reminder.id}/delete").status_code == 404
    assert len(reminders_of(app, task_id)) == 1


def test_deleting_a_reminder(app, alice, alice_client):
    task_id = new_task(alice_client, "Once")
    add_at(alice_client, task_id, "2026-12-01T09:00")
    (reminder,) = reminders_of(app, task_id)
    answer = alice_client.post(f"/tasks/{task_id}/reminders/{reminder.id}/delete", follow_redirects=True)
    assert "Reminder deleted." in answer.text and reminders_of(app, task_id) == []
    assert alice_client.post(f"/tasks/{task_id}/reminders/{reminder.id}/delete").status_code == 404


def inbox(app, user) -> int:
    with app.app_context():
        return crud.get_inbox(db.session.get(User, user.id)).id


def test_the_next_occurrence_of_a_repeating_task_gets_its_reminders_moved_by_the_same_interval(app, alice):
    with app.app_context():
        owner = db.session.get(User, alice.id)
        crud.set_time_zone(owner, "Europe/Berlin")
        task = crud.create_task(owner, "Stand-up", due_date=date(2026, 12, 1), recurrence="FREQ=WEEKLY")
        crud.add_reminder(owner, task.id, remind_at=datetime(2026, 11, 30, 17, 30))  # local, the evening before
        crud.add_reminder(owner, task.id, days_before=0, at_time=time(9, 0))
        crud.complete_task(owner, task.id)
        following = crud.next_occurrence(crud.get_task(owner, task.id))
        crud.load_reminders([following], db.session.get(User, alice.id))
        moved = [(r.remind_at, r.days_before, r.at_time, r.fire_at, r.sent_at) for r in following.reminders]
    assert following.due_date == date(2026, 12, 8)
    assert moved == [
        (datetime(2026, 12, 7, 16, 30), None, None, datetime(2026, 12, 7, 16, 30), None),
        (None, 0, time(9, 0), datetime(2026, 12, 8, 8, 0), None),
    ]
