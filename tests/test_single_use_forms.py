"""A create form is single-use: posting it again (back button, double click) lands on what it created."""

import re

import pytest
from helpers import created_id
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import Item, Task

KINDS = [
    pytest.param("/tasks/new", {"title": "Pay rent", "status": "pending"}, Task, id="tasks"),
    pytest.param("/items/new", {"title": "Passport"}, Item, id="items"),
]


def form_token(page: str) -> str:
    match = re.search(r'name="form_token" type="hidden" value="([^"]+)"', page)
    assert match, "the create form carries a one-time token"
    return match.group(1)


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(("path", "data", "model"), KINDS)
def test_posting_the_same_create_form_again_creates_nothing_and_shows_the_first_result(
    app, alice_client, path, data, model
):
    form = {**data, "form_token": form_token(alice_client.get(path).text)}
    first = alice_client.post(path, data=form)

    again = alice_client.post(path, data=form)

    assert again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert "already sent, so nothing new was created" in alice_client.get(again.headers["Location"]).text
    assert count(app, model) == 1


@pytest.mark.parametrize(("path", "data", "model"), KINDS)
def test_each_rendered_form_creates_once(app, alice_client, path, data, model):
    tokens = {form_token(alice_client.get(path).text) for _ in range(2)}

    created = {created_id(alice_client.post(path, data={**data, "form_token": token})) for token in tokens}

    assert len(tokens) == len(created) == count(app, model) == 2


def test_a_form_sent_back_with_errors_keeps_its_token_and_then_creates_once(app, alice_client):
    token = form_token(alice_client.get("/tasks/new").text)

    refused = alice_client.post("/tasks/new", data={"title": "", "status": "pending", "form_token": token})
    assert refused.status_code == 422 and form_token(refused.text) == token
    fixed = {"title": "Now with a title", "status": "pending", "form_token": token}
    first, again = alice_client.post("/tasks/new", data=fixed), alice_client.post("/tasks/new", data=fixed)

    assert again.headers["Location"] == first.headers["Location"]
    assert count(app, Task) == 1


def test_tokens_are_per_person(app, alice_client, bob_client):
    token = form_token(alice_client.get("/tasks/new").text)
    alice_client.post("/tasks/new", data={"title": "For Alice", "status": "pending", "form_token": token})

    bobs = bob_client.post("/tasks/new", data={"title": "For Bob", "status": "pending", "form_token": token})

    assert "For Bob" in bob_client.get(bobs.headers["Location"]).text
    assert count(app, Task) == 2


def test_a_post_without_a_token_creates_as_before(app, alice_client):
    for _ in range(2):
        alice_client.post("/tasks/new", data={"title": "Scripted", "status": "pending"})

    assert count(app, Task) == 2


def test_the_quick_add_box_is_single_use_too(app, alice_client):
    page = alice_client.get("/tasks/").text
    action = re.search(r'action="(/lists/\d+/quick-add)"', page).group(1)
    form = {"text": "Pay rent tomorrow !high", "form_token": form_token(page)}
    first = alice_client.post(action, data=form)

    again = alice_client.post(action, data=form)

    assert again.headers["Location"] == first.headers["Location"]
    assert "already sent, so nothing new was created" in alice_client.get(again.headers["Location"]).text
    assert count(app, Task) == 1
