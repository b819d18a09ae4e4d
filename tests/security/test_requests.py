"""Requests: size limits, POST-only actions, on-site redirects, and forms that ignore extra fields."""

import re

import pytest
from helpers import PASSWORD, created_id
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import Item, Task, User


def test_size_limits_are_set(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    assert 0 < app.config["MAX_FORM_MEMORY_SIZE"] <= app.config["MAX_CONTENT_LENGTH"]
    assert 0 < app.config["MAX_FORM_PARTS"] <= 1000


def test_a_form_field_over_the_memory_limit_gets_413(app, alice_client):
    app.config["MAX_FORM_MEMORY_SIZE"] = 10_000
    response = alice_client.post(
        "/tasks/new", data={"title": "t", "description": "d" * 20_000}, content_type="multipart/form-data"
    )
    assert response.status_code == 413 and "Too large" in response.text


def test_a_form_with_too_many_parts_gets_413(app, alice_client):
    fields = {f"field{n}": "x" for n in range(app.config["MAX_FORM_PARTS"] + 1)}
    response = alice_client.post("/tasks/new", data={"title": "t", **fields}, content_type="multipart/form-data")
    assert response.status_code == 413


def post_only_rules(app):
    """Rules that only change things: POST, with no page served by GET at the same path."""
    rules = list(app.url_map.iter_rules())
    pages = {rule.rule for rule in rules if "GET" in rule.methods}
    return [rule for rule in rules if "POST" in rule.methods and rule.rule not in pages]


def test_every_state_changing_action_rejects_get_with_405(app, admin_client, alice):
    rules = post_only_rules(app)
    assert {"auth.logout", "tasks.delete", "tasks.complete", "items.delete", "users.delete"} <= {
        rule.endpoint for rule in rules
    }
    for rule in rules:
        path = rule.rule.replace("<int:", "<").replace("<user_id>", str(alice.id))
        path = re.sub(r"<\w+_id>", "1", path)  # any other object: the route exists either way
        assert admin_client.get(path).status_code == 405, path
    assert admin_client.get(f"/users/{alice.id}").status_code == 200  # nothing was deleted


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_action_buttons_follow_next_only_on_this_site(alice_client, target):
    task_id = created_id(alice_client.post("/tasks/new", data={"title": "T", "status": "pending"}))
    response = alice_client.post(f"/tasks/{task_id}/complete", data={"next": target})
    assert response.status_code == 302 and "evil" not in response.headers["Location"]
    assert not response.headers["Location"].startswith("javascript")


def test_text_with_a_nul_character_is_refused_with_a_clear_400(alice_client, app):
    response = alice_client.post("/tasks/new", data={"title": "a\x00b", "status": "pending"})
    assert response.status_code == 400 and "NUL character" in response.text
    with app.app_context():
        assert db.session.scalars(select(Task)).all() == []


def test_a_huge_page_number_is_the_last_page_not_an_error(alice_client):
    assert alice_client.get("/tasks/?page=99999999999999999999").status_code == 200
    assert alice_client.get("/items/?page=99999999999999999999&per_page=99999999999999999999").status_code == 200


# Mass assignment: fields a form does not declare never reach the database.
EXTRA = {"owner_id": "1", "is_admin": "y", "is_active": "", "id": "999", "session_version": "7", "password_hash": "x"}


def test_registration_ignores_extra_fields(app, client, admin):
    data = {"email": "sneaky@example.com", "password": "a fine password", "confirm": "a fine password", **EXTRA}
    assert client.post("/register", data=data).status_code == 302
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == "sneaky@example.com")).one()
        assert (user.is_admin, user.is_active, user.session_version) == (False, True, 1)
        assert user.id != 999 and user.password_hash.startswith("$argon2id$")


@pytest.mark.parametrize("path, model", [("/tasks/new", Task), ("/items/new", Item)])
def test_new_tasks_and_items_belong_to_who_made_them_whatever_the_form_says(app, bob_client, alice, path, model):
    data = {"title": "Mine", "status": "pending", **EXTRA, "owner_id": str(alice.id)}
    object_id = created_id(bob_client.post(path, data=data))
    with app.app_context():
        assert db.session.get(model, object_id).owner.email == "bob@example.com"


def test_editing_a_task_cannot_move_it_to_someone_else(app, bob_client, alice):
    task_id = created_id(bob_client.post("/tasks/new", data={"title": "Mine", "status": "pending"}))
    data = {
        "title": "Still mine",
        "status": "pending",
        "version": "1",
        "owner_id": str(alice.id),
        "completed_at": "2000-01-01",
    }
    assert bob_client.post(f"/tasks/{task_id}/edit", data=data).status_code == 302
    with app.app_context():
        task = db.session.get(Task, task_id)
        assert task.owner.email == "bob@example.com" and task.title == "Still mine" and task.completed_at is None


def test_the_account_forms_cannot_make_anyone_an_admin(app, alice_client, alice):
    alice_client.post(
        "/account/email",
        data={
            "change_email-email": "a2@example.com",
            "change_email-password": PASSWORD,
            "is_admin": "y",
            "change_email-is_admin": "y",
        },
    )
    alice_client.post("/account/verify-email", data={"is_admin": "y"})
    with app.app_context():
        user = db.session.get(User, alice.id)
        assert user.email == alice.email and not user.is_admin


def test_a_search_of_a_hundred_thousand_characters_is_answered(alice_client):
    alice_client.post("/tasks/new", data={"title": "Something to search", "status": "pending"})
    response = alice_client.get("/tasks/", query_string={"q": "a" * 100_000})
    assert response.status_code == 200
