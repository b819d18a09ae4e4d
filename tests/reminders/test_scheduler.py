"""The scheduler sends each reminder and digest once, at its time in the person's zone, under the bell and
by email; one that was stopped catches up on everything it missed, marked late, skipping nothing."""

from datetime import UTC, datetime, time, timedelta

import pytest
from factories import new_task, set_zone

from webapp import crud
from webapp.extensions import db
from webapp.models import Notification, Reminder, User
from webapp.scheduler import run_once

START = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


@pytest.fixture(autouse=True)
def fixed_now(clock_at):
    return clock_at(START)


def remind(app, user, task_id, at: datetime) -> int:
    """A reminder of the task at this instant (given in UTC)."""
    with app.app_context():
        return crud.add_reminder(db.session.get(User, user.id), task_id, remind_at=at).id


def notifications_of(app, user) -> list[Notification]:
    with app.app_context():
        return list(
            db.session.scalars(db.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id))
        )


def run_at(app, instant: datetime):
    with app.app_context():
        return run_once(instant)


def test_a_reminder_goes_off_at_its_time_once_under_the_bell_and_by_email(app, alice, alice_client, mailbox):
    task_id = new_task(alice_client, "Call the bank", due_date="2026-12-01")
    remind(app, alice, task_id, START + timedelta(minutes=5))

    assert run_at(app, START + timedelta(minutes=5) - SECOND).reminders == 0
    tally = run_at(app, START + timedelta(minutes=5, seconds=20))
    assert (tally.reminders, tally.late, tally.emails) == (1, 0, 1)
    assert run_at(app, START + timedelta(minutes=6)).reminders == 0

    (notification,) = notifications_of(app, alice)
    assert (notification.text, notification.task_id) == ("Reminder: Call the bank, due Dec 1, 2026", task_id)
    mailbox.wait_for(alice.email, "Reminder: Call the bank")
    assert len(mailbox.to(alice.email)) == 1
    assert 'unread-count">1<' in alice_client.get("/tasks/").text


def test_a_reminder_of_a_completed_or_trashed_task_is_dropped_silently(app, alice, alice_client):
    done, trashed = new_task(alice_client, "Done"), new_task(alice_client, "Trashed")
    remind(app, alice, done, START + SECOND)
    remind(app, alice, trashed, START + SECOND)
    alice_client.post(f"/tasks/{done}/complete")
    alice_client.post(f"/tasks/{trashed}/delete")
    assert run_at(app, START + timedelta(minutes=1)).reminders == 0
    assert notifications_of(app, alice) == []
    with app.app_context():
        assert all(r.sent_at is not None for r in db.session.scalars(db.select(Reminder)))


def test_moving_the_due_date_later_makes_a_sent_reminder_go_off_again(app, alice, alice_client, clock_at):
    task_id = new_task(alice_client, "Dentist", due_date="2026-11-30")
    with app.app_context():
        crud.add_reminder(db.session.get(User, alice.id), task_id, days_before=0, at_time=time(13, 0))
    run_at(app, datetime(2026, 11, 30, 13, 0, 10, tzinfo=UTC))
    with app.app_context():
        task = crud.get_task(db.session.get(User, alice.id), task_id)
        owner = db.session.get(User, alice.id)
        crud.update_task(owner, task, {"due_date": datetime(2026, 12, 2).date()}, expected_version=task.version)
    assert run_at(app, datetime(2026, 12, 2, 13, 0, 10, tzinfo=UTC)).reminders == 1
    assert len(notifications_of(app, alice)) == 2


def test_a_scheduler_stopped_for_ten_minutes_sends_everything_it_missed_marked_late(app, alice, alice_client, mailbox):
    tasks = [new_task(alice_client, f"Catch up {n}") for n in range(10)]
    # 100 reminders, one every 6 seconds over the ten minutes the scheduler is down (10 on each task).
    for n in range(100):
        remind(app, alice, tasks[n % 10], START + timedelta(seconds=6 * (n + 1)))
    assert run_at(app, START).reminders == 0  # the last run before it stopped

    back = START + timedelta(minutes=10, seconds=30)
    tally = run_at(app, back)

    # Everything is sent; what was due more than 2 minutes before it came back is marked late.
    assert tally.reminders == 100 and tally.emails == 100
    assert tally.late == sum(
        1 for n in range(100) if back - (START + timedelta(seconds=6 * (n + 1))) > timedelta(minutes=2)
    )
    assert tally.lag_seconds == pytest.approx((back - START - timedelta(seconds=6)).total_seconds())
    print(
        f"\ncatch-up figures: stopped 10 min; sent {tally.reminders}, marked late {tally.late}, emails {tally.emails}"
    )
    assert run_at(app, back + timedelta(seconds=30)).reminders == 0
    texts = [n.text for n in notifications_of(app, alice)]
    assert sum("(sent late: it was set for" in text for text in texts) == tally.late
    with app.app_context():
        assert (
            db.session.scalar(db.select(db.func.count()).select_from(Reminder).where(Reminder.sent_at.is_(None))) == 0
        )


def test_the_digest_comes_at_the_chosen_local_time_with_todays_and_overdue_tasks(app, alice, alice_client, clock_at):
    set_zone(app, alice, "Pacific/Kiritimati")  # it is 2026-12-01 02:00 there
    for title, due in [("Overdue", "2026-11-29"), ("Today", "2026-12-01"), ("Tomorrow", "2026-12-02")]:
        new_task(alice_client, title, due_date=due)
    answer = alice_client.post(
        "/account/notifications",
        data={"notifications-email_notifications": "y", "notifications-digest_time": "08:00"},
        follow_redirects=True,
    )
    assert "a daily digest at 08:00" in answer.text
    eight = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # 08:00 on Dec 1 at UTC+14

    assert run_at(app, eight - SECOND).digests == 0
    assert run_at(app, eight + SECOND).digests == 1
    assert run_at(app, eight + timedelta(hours=23)).digests == 0
    (digest,) = notifications_of(app, alice)
    assert digest.text == "Your day: 1 due today, 1 overdue: Overdue, Today"

    assert run_at(app, eight + timedelta(days=1, seconds=1)).digests == 1  # Dec 2: Tomorrow is due today


def test_without_a_digest_time_there_is_no_digest(app, alice, alice_client):
    new_task(alice_client, "Overdue", due_date="2026-11-01")
    alice_client.post(
        "/account/notifications", data={"notifications-email_notifications": "y", "notifications-digest_time": ""}
    )
    assert run_at(app, START + timedelta(days=3)).digests == 0


def test_a_digest_missed_for_days_comes_once_marked_late_then_at_its_usual_time(app, alice, alice_client):
    new_task(alice_client, "Overdue", due_date="2026-11-01")
    alice_client.post("/account/notifications", data={"notifications-digest_time": "12:30"})
    back = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    assert run_at(app, back).digests == 1
    assert run_at(app, back + timedelta(hours=3)).digests == 0
    assert run_at(app, back + timedelta(hours=3, minutes=31)).digests == 1
    first, second = notifications_of(app, alice)
    assert first.text.startswith("Your day (sent late):") and second.text.startswith("Your day:")
