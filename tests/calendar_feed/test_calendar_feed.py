"""The calendar feed: a secret per-person address serving tasks with a due date as all-day iCalendar events."""

from datetime import date

import pytest
from factories import post_task, repeat
from helpers import created_id
from icalendar import Calendar

from webapp import crud


def feed_address(client) -> str:
    """Make the feed's address on /account, as the person would; its path."""
    client.post("/account/calendar")
    page = client.get("/account").text
    return page.split('<code class="calendar-feed-url">', 1)[1].split("</code>", 1)[0].removeprefix("http://localhost")


def events(client, path: str) -> dict[str, dict]:
    """The feed parsed back: each event's properties by its summary."""
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def feed(alice_client):
    return feed_address(alice_client)


def test_the_account_page_offers_a_feed_address_and_shows_it_once_made(alice_client):
    assert "Make the address" in alice_client.get("/account").text
    path = feed_address(alice_client)
    assert path.startswith("/calendar/") and path.endswith(".ics")
    assert "Make a new address" in alice_client.get("/account").text


def test_tasks_with_a_due_date_are_all_day_events_and_a_repeating_one_carries_its_rule(alice_client, feed):
    post_task(alice_client, title="Pay rent", due_date="2030-07-01", description="Standing order")
    post_task(alice_client, title="Stand-up", due_date="2030-06-10", **repeat("WEEKLY", weekdays=["0", "3"]))
    post_task(alice_client, title="Someday")
    found = events(alice_client, feed)
    assert set(found) == {"Pay rent", "Stand-up"}
    rent = found["Pay rent"]
    assert rent["dtstart"].dt == date(2030, 7, 1) and rent["dtstart"].params["VALUE"] == "DATE"
    assert "DTEND" not in rent  # a date's event lasts that day (RFC 5545, 3.6.1)
    assert str(rent["description"]) == "Standing order"
    assert "RRULE" not in rent
    assert found["Stand-up"]["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO,TH"
    assert b"DTSTART;VALUE=DATE:20300610" in alice_client.get(feed).data


def test_completed_tasks_are_left_out_unless_asked_for(alice_client, feed):
    task_id = created_id(post_task(alice_client, title="Stand-up", due_date="2030-06-10", **repeat("DAILY")))
    alice_client.post(f"/tasks/{task_id}/complete")
    [event] = events(alice_client, feed).values()
    assert event["dtstart"].dt == date(2030, 6, 11)
    both = sorted(events_list(alice_client, f"{feed}?completed=1"), key=lambda e: e["dtstart"].dt)
    assert [(e["dtstart"].dt, "RRULE" in e) for e in both] == [(date(2030, 6, 10), False), (date(2030, 6, 11), True)]


def events_list(client, path: str) -> list:
    return list(Calendar.from_ical(client.get(path).data).walk("VEVENT"))


def test_list_and_label_narrow_the_feed(alice_client, app, feed):
    with app.app_context():
        alice = crud.get_user_by_email("alice@example.com")
        home = crud.create_label(alice, "home").id
        garden = crud.create_list(alice, "Garden").id
    post_task(alice_client, title="Water", due_date="2030-06-10", list_id=str(garden), label_ids=[str(home)])
    post_task(alice_client, title="Mow", due_date="2030-06-10", list_id=str(garden))
    post_task(alice_client, title="Dust", due_date="2030-06-10", label_ids=[str(home)])
    assert set(events(alice_client, f"{feed}?list={garden}")) == {"Water", "Mow"}
    assert set(events(alice_client, f"{feed}?label={home}")) == {"Water", "Dust"}
    assert set(events(alice_client, f"{feed}?list={garden}&label={home}")) == {"Water"}


def test_the_feed_holds_only_its_owners_tasks(alice_client, bob_client, feed):
    post_task(bob_client, title="Bob's", due_date="2030-06-10")
    post_task(alice_client, title="Alice's", due_date="2030-06-10")
    assert set(events(bob_client, feed)) == {"Alice's"}  # the address alone opens it, whoever asks


def test_an_unchanged_feed_answers_304_to_its_etag(alice_client, feed):
    post_task(alice_client, title="Pay rent", due_date="2030-07-01")
    first = alice_client.get(feed)
    assert first.headers["ETag"]
    assert alice_client.get(feed, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    post_task(alice_client, title="Pay bills", due_date="2030-07-02")
    assert alice_client.get(feed, headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


@pytest.mark.parametrize("token", ["short", "x" * 43, "a" * 42 + "!", "%00" * 15])
def test_a_malformed_or_unknown_token_is_a_plain_404(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_new_address_ends_the_old_one(alice_client, feed):
    assert alice_client.get(feed).status_code == 200
    new = feed_address(alice_client)
    assert new != feed
    assert alice_client.get(feed).status_code == 404
    assert alice_client.get(new).status_code == 200


def test_a_deactivated_accounts_feed_is_gone(alice_client, admin_client, app, feed):
    with app.app_context():
        alice = crud.get_user_by_email("alice@example.com")
        crud.update_user(alice, crud.get_user_by_email("admin@example.com"), {"is_active": False})
    assert alice_client.get(feed).status_code == 404


def test_the_feed_runs_as_many_statements_for_many_tasks_as_for_few(alice_client, app, feed, statements):
    with app.app_context():
        alice = crud.get_user_by_email("alice@example.com")
        label = crud.create_label(alice, "home").id

    def add(count):
        with app.app_context():
            owner = crud.get_user_by_email("alice@example.com")
            for n in range(count):
                crud.create_task(
                    owner, f"Task {n}", due_date=date(2030, 6, 10), label_ids=[label], recurrence="FREQ=DAILY"
                )

    def sent(path):
        statements.clear()
        assert alice_client.get(path).status_code == 200
        return len(statements)

    add(2)
    few = [sent(feed), sent(f"{feed}?label={label}")]
    add(30)
    assert [sent(feed), sent(f"{feed}?label={label}")] == few


def test_the_feed_holds_the_tasks_of_lists_shared_with_the_person(alice_client, bob_client, app, feed):
    with app.app_context():
        bob = crud.get_user_by_email("bob@example.com")
        shared = crud.create_list(bob, "Shared").id
        crud.add_member(bob, shared, "alice@example.com", "viewer")
    post_task(bob_client, title="Bob's shared", due_date="2030-06-10", list_id=str(shared))
    post_task(bob_client, title="Bob's own", due_date="2030-06-10")
    assert set(events(alice_client, feed)) == {"Bob's shared"}
    assert set(events(alice_client, f"{feed}?list={shared}")) == {"Bob's shared"}
