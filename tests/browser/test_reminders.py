"""The walk through time: a person sets their time zone, adds a reminder to a task, and when the scheduler
runs it arrives under the bell (and by email)."""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from webapp import clock


def test_a_person_sets_a_zone_adds_a_reminder_and_it_arrives_in_the_bell(visitor, app, alice, mailbox, monkeypatch):
    visitor.log_in(alice.email)
    page = visitor.page

    visitor.visit("/account")
    visitor.fill(**{"Time zone": "Pacific/Kiritimati"})
    visitor.press("Change time zone")
    visitor.sees("Your time zone is now Pacific/Kiritimati.")

    visitor.follow("Tasks")
    visitor.follow("New task")
    visitor.fill(Title="Call the bank")
    visitor.press("Save")
    in_two_minutes = (datetime.now(UTC) + timedelta(minutes=2)).astimezone(clock.zone("Pacific/Kiritimati"))
    visitor.fill(**{"Date and time": f"{in_two_minutes:%Y-%m-%dT%H:%M}"})
    visitor.press("Remind me at")
    visitor.sees("Reminder added.")
    visitor.sees(f"At {in_two_minutes:%b} {in_two_minutes.day}, {in_two_minutes:%Y %H:%M} Pacific/Kiritimati")
    expect(page.locator(".unread-count")).to_have_count(0)

    # The scheduler runs once, three minutes from now.
    monkeypatch.setattr(clock, "now", lambda: datetime.now(UTC) + timedelta(minutes=3))
    result = app.test_cli_runner().invoke(args=["scheduler", "--once"])
    assert "1 reminder(s) (0 late)" in result.output, result.output

    visitor.visit("/tasks/")
    expect(page.locator(".unread-count")).to_have_text("1 unread")
    visitor.follow("Notifications 1 unread")
    expect(page.get_by_role("link", name="Reminder: Call the bank")).to_be_visible()
    visitor.press("Mark all read")
    visitor.sees("1 notification marked read.")
    expect(page.locator(".unread-count")).to_have_count(0)
    mailbox.wait_for(alice.email, "Reminder: Call the bank")
