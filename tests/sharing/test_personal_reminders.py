"""A reminder is the person's who set it: anyone who sees a shared task may remind themselves of it, in
their own zone; only they see it and get it, while they can still see the task."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from factories import new_api_token, set_zone
from helpers import PASSWORD

from webapp import crud
from webapp.extensions import db
from webapp.models import Notification, Reminder, User
from webapp.scheduler.due import send_due_reminders
from webapp.scheduler.run import run_once
from webapp.scheduler.tally import Tally

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_now(clock_at):
    return clock_at(NOW)


def person(household, role: str) -> User:
    return db.session.get(User, household.people[role].id)


def remind(app, household, role: str, **when) -> int:
    """A reminder this member sets on the household's task; its id."""
    with app.app_context():
        return crud.add_reminder(person(household, role), household.task, **when).id


def due_on(app, household, day: date) -> None:
    """The owner gives the household's task this due date."""
    with app.app_context():
        olivia = person(household, "owner")
        task = crud.get_task(olivia, household.task)
        crud.update_task(olivia, task, {"due_date": day}, expected_version=task.version)


def stored(app) -> list[tuple[int, int]]:
    """(reminder id, its person's id) of every reminder kept."""
    with app.app_context():
        return [(r.id, r.user_id) for r in db.session.scalars(db.select(Reminder).order_by(Reminder.id))]


def fire_at(app, reminder_id: int) -> datetime | None:
    with app.app_context():
        return db.session.get(Reminder, reminder_id).fire_at


def bell_of(app, household, role: str) -> list[str]:
    with app.app_context():
        mine = db.select(Notification.text).where(Notification.user_id == household.people[role].id)
        return list(db.session.scalars(mine.order_by(Notification.id)))


def test_a_viewer_reminds_themselves_and_it_arrives_in_their_bell_not_the_owners(app, household, client_of):
    viewer = client_of("viewer")
    answer = viewer.post(f"/tasks/{household.task}/reminders/at", data={"reminder_at-remind_at": "2026-11-30T15:00"})
    assert answer.status_code == 302

    with app.app_context():
        run_once(NOW + timedelta(hours=3, seconds=30))
    assert bell_of(app, household, "viewer") == ["Reminder: Water the plants"]
    assert bell_of(app, household, "owner") == []


def test_the_task_page_and_the_api_show_the_readers_own_reminders_only(app, household, client_of):
    remind(app, household, "viewer", remind_at=datetime(2026, 12, 1, 9, 0))
    remind(app, household, "owner", remind_at=datetime(2026, 12, 2, 18, 0))

    assert "Dec 1, 2026 09:00" in client_of("viewer").get(f"/tasks/{household.task}").text
    owners_page = client_of("owner").get(f"/tasks/{household.task}").text
    assert "Dec 2, 2026 18:00" in owners_page and "Dec 1, 2026 09:00" not in owners_page
    token = new_api_token(app, household.people["viewer"])
    api = app.test_client().get(f"/api/v1/tasks/{household.task}", headers={"Authorization": f"Bearer {token}"})
    assert [r["remind_at"] for r in api.get_json()["reminders"]] == ["2026-12-01T09:00:00Z"]


def test_deleting_someone_elses_reminder_is_not_found_and_loses_nothing(app, household, client_of):
    viewers = remind(app, household, "viewer", remind_at=datetime(2026, 12, 1, 9, 0))
    kept = stored(app)

    assert client_of("owner").post(f"/tasks/{household.task}/reminders/{viewers}/delete").status_code == 404
    token = new_api_token(app, household.people["editor"])
    api = app.test_client().delete(
        f"/api/v1/tasks/{household.task}/reminders/{viewers}", headers={"Authorization": f"Bearer {token}"}
    )
    assert api.status_code == 404
    assert stored(app) == kept
    assert client_of("viewer").post(f"/tasks/{household.task}/reminders/{viewers}/delete").status_code == 302
    assert stored(app) == []


def test_the_limit_of_ten_counts_each_persons_own_reminders(app, household):
    for hour in range(10):
        remind(app, household, "owner", remind_at=datetime(2026, 12, 1, hour, 0))
    with app.app_context(), pytest.raises(crud.InvalidReminder, match="at most 10"):
        crud.add_reminder(person(household, "owner"), household.task, remind_at=datetime(2026, 12, 1, 11, 0))
    remind(app, household, "viewer", remind_at=datetime(2026, 12, 1, 11, 0))
    assert len(stored(app)) == 11


def test_an_outsider_can_set_no_reminder_on_the_task(app, household, client_of):
    answer = client_of("outsider").post(
        f"/tasks/{household.task}/reminders/at", data={"reminder_at-remind_at": "2026-12-01T09:00"}
    )
    assert answer.status_code == 404 and stored(app) == []


def test_a_member_removed_from_the_list_is_reminded_of_nothing(app, household):
    remind(app, household, "viewer", remind_at=datetime(2026, 11, 30, 13, 0))
    with app.app_context():
        crud.remove_member(person(household, "owner"), household.list, household.people["viewer"].id)

    with app.app_context():
        assert run_once(NOW + timedelta(hours=2)).reminders == 0
        assert all(r.sent_at is not None for r in db.session.scalars(db.select(Reminder)))
    assert bell_of(app, household, "viewer") == [] and bell_of(app, household, "owner") == []


def test_a_relative_reminder_is_in_its_persons_zone_when_the_due_date_and_the_zones_change(app, household):
    set_zone(app, household.people["viewer"], "Pacific/Kiritimati")  # UTC+14; the owner stays in UTC
    due_on(app, household, date(2026, 12, 10))
    viewers = remind(app, household, "viewer", days_before=1, at_time=time(9, 0))
    assert fire_at(app, viewers) == datetime(2026, 12, 8, 19, 0)  # Dec 9, 09:00 at UTC+14

    due_on(app, household, date(2026, 12, 20))
    assert fire_at(app, viewers) == datetime(2026, 12, 18, 19, 0)
    set_zone(app, household.people["owner"], "America/New_York")
    assert fire_at(app, viewers) == datetime(2026, 12, 18, 19, 0)
    set_zone(app, household.people["viewer"], "Europe/Berlin")
    assert fire_at(app, viewers) == datetime(2026, 12, 19, 8, 0)

    with app.app_context():
        run_once(datetime(2026, 12, 19, 8, 0, 30, tzinfo=UTC))
    assert bell_of(app, household, "viewer") == ["Reminder: Water the plants, due Dec 20, 2026"]


def test_the_next_occurrence_carries_each_persons_reminders_to_them(app, household):
    set_zone(app, household.people["viewer"], "Europe/Berlin")
    with app.app_context():
        olivia = person(household, "owner")
        task = crud.get_task(olivia, household.task)
        crud.update_task(
            olivia, task, {"due_date": date(2026, 12, 1), "recurrence": "FREQ=WEEKLY"}, expected_version=task.version
        )
    remind(app, household, "viewer", days_before=0, at_time=time(9, 0))
    remind(app, household, "owner", days_before=0, at_time=time(9, 0))
    with app.app_context():
        crud.complete_task(person(household, "owner"), household.task)
        following = crud.next_occurrence(crud.get_task(person(household, "owner"), household.task))
        assert following is not None
        moved = db.session.scalars(db.select(Reminder).where(Reminder.task_id == following.id).order_by(Reminder.id))
        carried = {(r.user_id, r.fire_at) for r in moved}
    assert carried == {
        (household.people["viewer"].id, datetime(2026, 12, 8, 8, 0)),  # 09:00 in Berlin
        (household.people["owner"].id, datetime(2026, 12, 8, 9, 0)),  # 09:00 in UTC
    }


def run_reminders(app, instant: datetime) -> None:
    with app.app_context():
        send_due_reminders(instant, Tally())


@pytest.mark.parametrize("rounds", [1, 4])
def test_a_batch_of_reminders_runs_the_same_statements_however_many_people_and_reminders(
    app, household, statements, rounds
):
    for n in range(rounds):
        for role in ("owner", "viewer", "editor"):
            remind(app, household, role, remind_at=datetime(2026, 11, 30, 13, n))
    with app.app_context():
        crud.remove_member(person(household, "owner"), household.list, household.people["editor"].id)
    statements.clear()
    run_reminders(app, NOW + timedelta(hours=2))
    assert len(statements) == 4  # claim; tasks and people the rule lets see; notifications; marked sent
    assert len(bell_of(app, household, "viewer")) == rounds and bell_of(app, household, "editor") == []


def test_a_deleted_account_takes_its_reminders_and_leaves_everyone_elses(app, household):
    owners = remind(app, household, "owner", remind_at=datetime(2026, 12, 1, 9, 0))
    remind(app, household, "viewer", remind_at=datetime(2026, 12, 1, 9, 0))
    with app.app_context():
        crud.delete_account(person(household, "viewer"), PASSWORD)
    assert stored(app) == [(owners, household.people["owner"].id)]
