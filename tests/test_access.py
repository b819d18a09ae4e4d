"""Who may open which page: anonymous visitors, the owner, another user and an admin."""

import pytest
from helpers import created_id

OWNED_PAGES = [
    ("get", "/tasks/{task}"),
    ("get", "/tasks/{task}/edit"),
    ("post", "/tasks/{task}/edit"),
    ("post", "/tasks/{task}/complete"),
    ("post", "/tasks/{task}/delete"),
    ("get", "/items/{item}"),
    ("get", "/items/{item}/edit"),
    ("post", "/items/{item}/edit"),
    ("post", "/items/{item}/delete"),
]

ADMIN_PAGES = [
    ("get", "/users/"),
    ("get", "/users/new"),
    ("post", "/users/new"),
    ("get", "/users/{alice}"),
    ("get", "/users/{alice}/edit"),
    ("post", "/users/{alice}/edit"),
    ("post", "/users/{alice}/delete"),
    ("get", "/users/{alice}/items/new"),
    ("post", "/users/{alice}/items/new"),
]

PRIVATE_PAGES = [("get", "/tasks/"), ("get", "/tasks/new"), ("get", "/items/"), ("get", "/items/new")]


@pytest.fixture
def ids(alice_client, alice):
    task = created_id(alice_client.post("/tasks/new", data={"title": "Private", "status": "pending"}))
    item = created_id(alice_client.post("/items/new", data={"title": "Private"}))
    return {"task": task, "item": item, "alice": alice.id}


def call(client, method, path, ids):
    return getattr(client, method)(path.format(**ids), data={"title": "Changed", "status": "pending", "version": 1})


@pytest.mark.parametrize("method, path", OWNED_PAGES + ADMIN_PAGES + PRIVATE_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, ids, method, path):
    response = call(client, method, path, ids)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("method, path", OWNED_PAGES)
@pytest.mark.parametrize("who", ["bob_client", "admin_client"])
def test_someone_elses_tasks_and_items_do_not_exist_for_you(request, ids, alice_client, who, method, path):
    response = call(request.getfixturevalue(who), method, path, ids)
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert alice_client.get(f"/tasks/{ids['task']}").status_code == 200
    assert alice_client.get(f"/items/{ids['item']}").status_code == 200
    assert "Changed" not in alice_client.get(f"/tasks/{ids['task']}").text


@pytest.mark.parametrize("method, path", ADMIN_PAGES)
def test_only_admins_manage_users(alice_client, admin_client, ids, method, path):
    response = call(alice_client, method, path, ids)
    assert response.status_code == 403 and "Forbidden" in response.text
    assert admin_client.get(f"/users/{ids['alice']}").status_code == 200


@pytest.mark.parametrize(
    "path", ["/tasks/999999", "/tasks/abc", "/tasks/-1", "/items/999999", "/users/999999", "/nowhere"]
)
def test_missing_or_malformed_ids_are_404_pages(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 404 and "Page not found" in response.text
