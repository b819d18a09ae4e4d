"""Simultaneous requests that compete for one row: the database decides, and nobody gets a 500."""

import threading
from concurrent.futures import ThreadPoolExecutor

from helpers import PASSWORD
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Task, User

from .servers import Browser, created_path, hidden_value

REGISTRATIONS = 20
SAVE_ROUNDS = 5


def post_together(posts):
    """Send every (browser, path, data) at the same moment; their responses in order."""
    barrier = threading.Barrier(len(posts))

    def send(post):
        browser, path, data = post
        barrier.wait()
        return browser.post(path, data)

    with ThreadPoolExecutor(len(posts)) as pool:
        return list(pool.map(send, posts))


def test_20_simultaneous_registrations_of_one_email_make_exactly_one_account(gunicorn, app, database_url):
    server = gunicorn(database_url)
    browsers = [Browser(server.url) for _ in range(REGISTRATIONS)]
    form = {"email": "Same.Person@example.com", "password": PASSWORD, "confirm": PASSWORD}
    responses = post_together([(b, "/register", {**form, "csrf_token": b.csrf_token("/register")}) for b in browsers])

    # The winner is the instance's first account, logged in at once; the others get the answer
    # every registration gets, which does not tell that the email is taken.
    assert [r.status_code for r in responses] == [302] * REGISTRATIONS
    assert sorted(r.headers["Location"] for r in responses) == ["/login"] * (REGISTRATIONS - 1) + ["/tasks/"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1
    assert "Traceback" not in server.log_text()


def test_two_saves_from_the_same_version_keep_exactly_the_winner(gunicorn, app, database_url):
    server = gunicorn(database_url)
    first, second = Browser(server.url), Browser(server.url)
    first.register("two.tabs@example.com")
    second.log_in("two.tabs@example.com")

    for round_number in range(SAVE_ROUNDS):
        token = first.csrf_token("/tasks/new")
        task_path = created_path(
            first.post("/tasks/new", {"title": "Original", "status": "pending", "csrf_token": token})
        )
        forms = [browser.get(f"{task_path}/edit").text for browser in (first, second)]
        titles = [f"Saved by tab {tab} in round {round_number}" for tab in (1, 2)]
        posts = [
            (
                browser,
                f"{task_path}/edit",
                {
                    "title": title,
                    "status": "in_progress",
                    "version": hidden_value(form, "version"),
                    "csrf_token": hidden_value(form, "csrf_token"),
                },
            )
            for browser, form, title in zip((first, second), forms, titles, strict=True)
        ]
        responses = post_together(posts)

        assert sorted(r.status_code for r in responses) == [302, 409]
        winner = titles[[r.status_code for r in responses].index(302)]
        loser_page = next(r for r in responses if r.status_code == 409).text
        assert winner in loser_page, "the 409 form shows the stored values"
        with app.app_context():
            task_id = int(task_path.rsplit("/", 1)[1])
            stored = db.session.get(Task, task_id)
            assert (stored.title, stored.version) == (winner, 2)


DOUBLE_POSTS = 3


def test_one_create_form_posted_several_times_at_once_creates_one_task(gunicorn, app, database_url):
    server = gunicorn(database_url)
    browser = Browser(server.url)
    browser.register("double.click@example.com")
    form = browser.get("/tasks/new").text
    data = {
        "title": "Clicked thrice",
        "status": "pending",
        "csrf_token": hidden_value(form, "csrf_token"),
        "form_token": hidden_value(form, "form_token"),
    }

    responses = post_together([(browser, "/tasks/new", data)] * DOUBLE_POSTS)

    assert len({created_path(response) for response in responses}) == 1, "every post lands on the one task"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Task)) == 1
    assert "Traceback" not in server.log_text()
