"""Taskboard scales out as stateless processes: any instance serves any request of a session."""

from .servers import Browser, created_path, hidden_value


def test_two_instances_with_one_secret_and_database_serve_one_person_alternately(gunicorn, app, database_url):
    one, other = gunicorn(database_url, workers=1), gunicorn(database_url, workers=1)
    browser = Browser(one.url)
    browser.register("roaming@example.com")

    browser.at(other.url)
    assert browser.get("/tasks/").status_code == 200, "the session made on one instance is valid on the other"
    task_path = created_path(browser.submit("/tasks/new", {"title": "Made on the other", "status": "pending"}))

    browser.at(one.url)
    form = browser.get(f"{task_path}/edit").text
    saved = browser.post(
        f"{task_path}/edit",
        {
            "title": "Edited on the first",
            "status": "completed",
            "version": hidden_value(form, "version"),
            "csrf_token": hidden_value(form, "csrf_token"),
        },
    )
    assert saved.status_code == 302

    browser.at(other.url)
    page = browser.get(task_path)
    assert page.status_code == 200 and "Edited on the first" in page.text
    logged_out = browser.post("/logout", {"csrf_token": hidden_value(page.text, "csrf_token")})
    assert logged_out.status_code == 302
    assert browser.at(one.url).get("/tasks/").status_code == 302, (
        "after logging out, neither instance lets the person in"
    )
