"""With CSRF protection on, as in production: forms only work with the token the page gave."""

import re

import pytest
from helpers import PASSWORD, make_app


@pytest.fixture
def browser(database_url, app):
    """A client of an app with CSRF on, on the same (emptied after the test) database."""
    return make_app(database_url, WTF_CSRF_ENABLED=True).test_client()


def token_from(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_a_form_posted_without_the_token_is_refused_with_400(browser):
    response = browser.post("/register", data={"email": "a@example.com", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 400
    assert "Reload the page and try again" in response.text
    assert browser.get("/tasks/").status_code == 302


def test_a_person_registers_creates_and_completes_a_task_and_logs_out(browser):
    token = token_from(browser.get("/register").text)
    response = browser.post(
        "/register", data={"csrf_token": token, "email": "a@example.com", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert response.status_code == 302

    token = token_from(browser.get("/tasks/new").text)
    response = browser.post("/tasks/new", data={"csrf_token": token, "title": "With token", "status": "pending"})
    task_url = response.headers["Location"]

    page = browser.get(task_url).text
    assert browser.post(f"{task_url}/complete").status_code == 400
    assert browser.post(f"{task_url}/complete", data={"csrf_token": token_from(page)}).status_code == 302
    assert "Completed" in browser.get(task_url).text
    assert browser.post(f"{task_url}/comments", data={"body": "Forged"}).status_code == 400
    commented = browser.post(f"{task_url}/comments", data={"csrf_token": token_from(page), "body": "Seen by all"})
    assert commented.status_code == 302
    page = browser.get(task_url).text
    assert "Seen by all" in page and "Forged" not in page

    token = token_from(browser.get("/tasks/").text)
    assert browser.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    assert browser.post("/logout", data={"csrf_token": token}).status_code == 302
    assert browser.get("/tasks/").status_code == 302


def test_a_token_from_another_session_is_refused(browser, database_url, accounts, alice):
    other = make_app(database_url, WTF_CSRF_ENABLED=True).test_client()
    foreign_token = token_from(other.get("/login").text)
    response = browser.post("/login", data={"csrf_token": foreign_token, "email": alice.email, "password": PASSWORD})
    assert response.status_code == 400
