"""Notifications: a bell with the unread count on every page, the /notifications page, mark read, and
email delivery by the scheduler unless the person turned it off."""

import re

import pytest
from factories import new_notification, new_task
from helpers import PASSWORD, make_app
from prometheus_client import REGISTRY, generate_latest
from smtp_sink import link_in, text_of

from webapp import crud
from webapp.extensions import db
from webapp.models import Notification, User
from webapp.scheduler import run_once


def unread_badge(page: str) -> str | None:
    match = re.search(r'<span class="badge rounded-pill text-bg-danger unread-count">(\d+)', page)
    return match.group(1) if match else None


def test_the_bell_counts_unread_notifications_on_every_page(app, alice, alice_client):
    assert unread_badge(alice_client.get("/tasks/").text) is None
    for n in range(3):
        new_notification(app, alice, f"Reminder {n}")
    for path in ("/tasks/", "/lists/", "/account", "/notifications/"):
        assert unread_badge(alice_client.get(path).text) == "3", path


def test_the_page_lists_newest_first_with_a_link_to_the_task(app, alice, alice_client):
    task_id = new_task(alice_client, "Pay rent")
    new_notification(app, alice, "Older, about nothing")
    new_notification(app, alice, "Pay rent: due today", task_id=task_id)
    page = alice_client.get("/notifications/").text
    assert page.index("Pay rent: due today") < page.index("Older, about nothing")
    assert f'<a href="/tasks/{task_id}">Pay rent: due today</a>' in page


def test_mark_read_and_mark_all_read(app, alice, alice_client):
    first, *_ = [new_notification(app, alice, f"Reminder {n}") for n in range(3)]

    alice_client.post(f"/notifications/{first}/read")
    assert unread_badge(alice_client.get("/notifications/").text) == "2"

    answer = alice_client.post("/notifications/read", follow_redirects=True)
    assert "2 notifications marked read." in answer.text
    assert unread_badge(answer.text) is None and "Mark all read" not in answer.text


def test_nobody_reads_or_marks_another_persons_notifications(app, alice, accounts, bob_client):
    theirs = new_notification(app, alice, "Alice's secret reminder")
    assert "Alice's secret reminder" not in bob_client.get("/notifications/").text
    bob_client.post(f"/notifications/{theirs}/read")
    bob_client.post("/notifications/read")
    with app.app_context():
        assert db.session.get(Notification, theirs).read_at is None


def test_the_bell_is_one_statement_whatever_the_number_of_notifications(app, alice, alice_client, statements):
    alice_client.get("/tasks/")
    before = len(statements)
    for n in range(30):
        new_notification(app, alice, f"Reminder {n}")
    statements.clear()
    alice_client.get("/tasks/")
    about_notifications = [sql for sql in statements if "FROM notifications" in sql]
    assert len(about_notifications) == 1 and "count(" in about_notifications[0].lower()
    assert len(statements) == before


def test_the_scheduler_emails_each_notification_once_with_its_link(app, alice, alice_client, mailbox):
    task_id = new_task(alice_client, "Pay rent")
    new_notification(app, alice, "Pay rent: due today", task_id=task_id)
    with app.app_context():
        assert run_once().emails == 1
        assert run_once().emails == 0
    message = mailbox.wait_for(alice.email, "Pay rent: due today")
    assert link_in(message) == f"/tasks/{task_id}"
    assert "turn them off on your account page" in text_of(message)
    assert len(mailbox.to(alice.email)) == 1


def test_turning_email_off_keeps_the_bell_and_stops_even_pending_emails(app, alice, alice_client, mailbox):
    new_notification(app, alice, "Sent before the change? No: still pending")
    answer = alice_client.post("/account/notifications", data={}, follow_redirects=True)
    assert "Notifications are no longer emailed to you; no daily digest." in answer.text
    new_notification(app, alice, "After the change")
    with app.app_context():
        assert run_once().emails == 0
    assert mailbox.to(alice.email) == []
    assert unread_badge(alice_client.get("/notifications/").text) == "2"

    alice_client.post("/account/notifications", data={"notifications-email_notifications": "y"})
    new_notification(app, alice, "Emailed again")
    with app.app_context():
        assert run_once().emails == 1
    assert [m["Subject"] for m in mailbox.to(alice.email)] == ["Taskboard: Emailed again"]


def test_an_email_the_server_refuses_stays_pending_for_the_next_run(database_url, app, alice, mailbox, mail_server):
    new_notification(app, alice, "Wait for the mail server")
    unreachable = make_app(database_url, MAIL_URL="smtp://127.0.0.1:1")
    with unreachable.app_context():
        assert run_once().emails == 0
    with app.app_context():
        assert run_once().emails == 1
    mailbox.wait_for(alice.email, "Wait for the mail server")


@pytest.mark.parametrize("text", ["x" * 600])
def test_notify_keeps_the_text_within_the_column(app, alice, text):
    with app.app_context():
        notification = crud.notify(db.session.get(User, alice.id), "mention", None, text)
        db.session.commit()
        assert len(notification.text) == 500


def test_with_csrf_on_the_buttons_post_the_token_the_page_gave(database_url, app, alice):
    new_notification(app, alice, "Check the token")
    browser = make_app(database_url, WTF_CSRF_ENABLED=True).test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', browser.get("/login").text).group(1)
    browser.post("/login", data={"csrf_token": token, "email": alice.email, "password": PASSWORD})
    assert browser.post("/notifications/read").status_code == 400
    page = browser.get("/notifications/").text
    token = re.search(r'action="/notifications/read">\s*<input type="hidden" name="csrf_token" value="([^"]+)"', page)
    answer = browser.post("/notifications/read", data={"csrf_token": token.group(1)}, follow_redirects=True)
    assert "1 notification marked read." in answer.text


def test_flask_scheduler_once_sends_what_is_pending_and_records_its_run(app, alice, mailbox):
    new_notification(app, alice, "From the command line")
    result = app.test_cli_runner().invoke(args=["scheduler", "--once"])
    assert result.exit_code == 0, result.output
    assert "Scheduler ran once: 0 reminder(s) (0 late), 0 digest(s), 1 email(s)" in result.output
    mailbox.wait_for(alice.email, "From the command line")
    exposition = generate_latest(REGISTRY).decode()
    assert "taskboard_scheduler_lag_seconds" in exposition
    assert 'taskboard_scheduler_sent_total{kind="email"}' in exposition
