"""Creating, listing, editing, completing and deleting tasks through the pages."""

from datetime import date, timedelta

import pytest
from factories import post_task
from helpers import created_id


def edit_task(client, task_id, version, **fields):
    data = {"title": "Edited", "description": "", "status": "pending", "due_date": "", "version": version}
    data.update(fields)
    return client.post(f"/tasks/{task_id}/edit", data=data)


def listed_titles(page: str) -> str:
    """The part of the list page that holds the table, without flash messages."""
    return page.split("<tbody>")[1] if "<tbody>" in page else ""


def test_the_new_task_form_has_labelled_fields(alice_client):
    page = alice_client.get("/tasks/new").text
    for label in ("Title", "Description", "Status", "Due date", "Save"):
        assert label in page
    assert 'type="date"' in page


def test_creating_a_task_redirects_to_it_with_a_message(alice_client):
    response = post_task(alice_client, title="Buy milk", description="Two litres", due_date="2030-05-01")
    task_id = created_id(response)
    assert response.headers["Location"] == f"/tasks/{task_id}"
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "Task “Buy milk” created." in page
    assert "Two litres" in page and "May 1, 2030" in page and "Pending" in page


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": ""}, "This field is required."),
        ({"title": "   "}, "This field is required."),
        ({"title": "x" * 201}, "Field cannot be longer than 200 characters."),
        ({"description": "x" * 10_001}, "Field cannot be longer than 10000 characters."),
        ({"status": "finished"}, "Not a valid choice"),
        ({"due_date": "31/12/2030"}, "Not a valid date value."),
        ({"due_date": "2030-02-30"}, "Not a valid date value."),
    ],
)
def test_invalid_tasks_are_refused_with_a_message_and_nothing_is_stored(alice_client, fields, message):
    response = post_task(alice_client, **fields)
    assert response.status_code == 422
    assert message in response.text
    assert "You have no tasks yet." in alice_client.get("/tasks/").text


def test_the_longest_valid_title_and_description_are_kept(alice_client):
    task_id = created_id(post_task(alice_client, title="t" * 200, description="d" * 10_000))
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "t" * 200 in page and "d" * 10_000 in page


def test_the_list_shows_my_tasks_newest_first(alice_client):
    for title in ("First", "Second", "Third"):
        post_task(alice_client, title=title)
    page = listed_titles(alice_client.get("/tasks/").text)
    assert page.index("Third") < page.index("Second") < page.index("First")


def test_the_list_filters_by_status_and_searches(alice_client):
    post_task(alice_client, title="Buy milk")
    post_task(alice_client, title="Call the plumber", status="in_progress")
    post_task(alice_client, title="Pay rent", description="milk money too", status="completed")
    page = listed_titles(alice_client.get("/tasks/?status=in_progress").text)
    assert "Call the plumber" in page and "Buy milk" not in page
    page = listed_titles(alice_client.get("/tasks/?q=MILK").text)
    assert "Buy milk" in page and "Pay rent" in page and "Call the plumber" not in page
    assert "No tasks match these filters." in alice_client.get("/tasks/?q=nothing-like-this").text


def test_an_unknown_status_filter_shows_all_tasks(alice_client):
    post_task(alice_client, title="Buy milk")
    assert "Buy milk" in alice_client.get("/tasks/?status=bogus&page=x&per_page=-3").text


def test_the_list_is_paginated(alice_client):
    for number in range(12):
        post_task(alice_client, title=f"Task number {number:02}")
    page = alice_client.get("/tasks/?per_page=10&page=2").text
    assert "Task number 01" in listed_titles(page) and "Task number 02" not in listed_titles(page)
    assert "12 in all" in page


def test_overdue_tasks_stand_out_in_text_not_colour_alone(alice_client):
    yesterday = (date.today() - timedelta(days=2)).isoformat()
    post_task(alice_client, title="Late", due_date=yesterday)
    post_task(alice_client, title="Late but done", due_date=yesterday, status="completed")
    page = alice_client.get("/tasks/").text
    assert page.count("(overdue)") == 1


def test_editing_a_task_saves_it(alice_client):
    task_id = created_id(post_task(alice_client))
    form = alice_client.get(f"/tasks/{task_id}/edit").text
    assert 'name="version"' in form and 'value="1"' in form
    response = edit_task(alice_client, task_id, 1, title="Water the roses", status="in_progress")
    assert response.headers["Location"] == f"/tasks/{task_id}"
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "Water the roses" in page and "In progress" in page


def test_an_invalid_edit_is_refused_and_the_task_is_unchanged(alice_client):
    task_id = created_id(post_task(alice_client, title="Keep me"))
    response = edit_task(alice_client, task_id, 1, title="")
    assert response.status_code == 422
    assert "Keep me" in alice_client.get(f"/tasks/{task_id}").text


def test_an_edit_from_a_stale_tab_gets_409_with_the_saved_values(alice_client):
    task_id = created_id(post_task(alice_client, title="Original"))
    edit_task(alice_client, task_id, 1, title="Saved first")
    response = edit_task(alice_client, task_id, 1, title="Saved second")
    assert response.status_code == 409
    assert "changed elsewhere" in response.text
    assert 'value="Saved first"' in response.text and 'value="2"' in response.text
    assert "Saved first" in alice_client.get(f"/tasks/{task_id}").text


def test_an_edit_without_a_version_is_refused(alice_client):
    task_id = created_id(post_task(alice_client))
    assert edit_task(alice_client, task_id, "").status_code == 422
    assert edit_task(alice_client, task_id, "abc").status_code == 422


def test_completing_a_task(alice_client):
    task_id = created_id(post_task(alice_client))
    response = alice_client.post(f"/tasks/{task_id}/complete")
    assert response.headers["Location"] == f"/tasks/{task_id}"
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "Completed" in page and "completed." in page


def test_completing_from_the_list_returns_to_the_list(alice_client):
    task_id = created_id(post_task(alice_client))
    response = alice_client.post(f"/tasks/{task_id}/complete", data={"next": "/tasks/?q=water"})
    assert response.headers["Location"] == "/tasks/?q=water"
    response = alice_client.post(f"/tasks/{task_id}/complete", data={"next": "https://evil.example/"})
    assert response.headers["Location"] == f"/tasks/{task_id}"


def test_deleting_a_task(alice_client):
    task_id = created_id(post_task(alice_client))
    response = alice_client.post(f"/tasks/{task_id}/delete")
    assert response.headers["Location"] == "/tasks/"
    assert alice_client.get(f"/tasks/{task_id}").status_code == 404
    assert alice_client.post(f"/tasks/{task_id}/delete").status_code == 404


@pytest.mark.parametrize("path", ["/tasks/{id}/delete", "/tasks/{id}/complete"])
def test_actions_refuse_get(alice_client, path):
    task_id = created_id(post_task(alice_client))
    assert alice_client.get(path.format(id=task_id)).status_code == 405


def test_task_text_is_escaped(alice_client):
    task_id = created_id(post_task(alice_client, title="<script>alert(1)</script>"))
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
