"""What the API makes of bodies that are not what a script should send: always a JSON 4xx, nothing stored."""

import pytest

from .helpers import field_locs

DEPTH = 1000

MALFORMED_BODIES = [
    pytest.param("[" * DEPTH, id="1000 nested arrays"),
    pytest.param("{" * DEPTH, id="1000 open objects"),
    pytest.param('{"a":' * DEPTH + "1" + "}" * DEPTH, id="1000 nested objects, well formed"),
    pytest.param('{"title": ' + "[" * DEPTH + "]" * DEPTH + "}", id="a title nested 1000 deep"),
    pytest.param('{"title": "unterminated', id="unterminated string"),
    pytest.param('{"title": "x",}', id="trailing comma"),
    pytest.param(b'{"title": "\xff\xfe"}', id="not UTF-8"),
    pytest.param('{"title": "x"} {"title": "y"}', id="two documents"),
    pytest.param("", id="empty"),
    pytest.param("null", id="null"),
    pytest.param('["a list"]', id="a list"),
    pytest.param('{"title": NaN}', id="NaN"),
    pytest.param('{"title": 1' + "0" * 5000 + "}", id="a 5000-digit number"),
]


@pytest.mark.parametrize("body", MALFORMED_BODIES)
@pytest.mark.parametrize(("method", "path"), [("POST", "/tasks/"), ("PATCH", "/tasks/{id}"), ("POST", "/items/")])
def test_a_malformed_body_is_a_json_4xx_and_nothing_is_stored(alice_api, body, method, path):
    task = alice_api.post("/tasks/", json={"title": "Untouched"}).get_json()

    response = alice_api.request(
        method, path.format(id=task["id"]), data=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code in (400, 422), response.data[:300]
    assert response.is_json and response.get_json()["detail"]
    tasks = alice_api.get("/tasks/").get_json()["items"]
    assert [(t["title"], t["version"]) for t in tasks] == [("Untouched", 1)]
    assert alice_api.get("/items/").get_json()["total"] == 0


NUL_FIELDS = [
    ("POST", "/tasks/", {"title": "a\x00b"}, "title"),
    ("POST", "/tasks/", {"title": "ok", "description": "a\x00b"}, "description"),
    ("POST", "/tasks/", {"title": "ok", "due_date": "2031-01-01\x00"}, "due_date"),
    ("POST", "/tasks/", {"title": "ok", "status": "pending\x00"}, "status"),
    ("PATCH", "/tasks/{task}", {"title": "a\x00b", "version": 1}, "title"),
    ("PATCH", "/tasks/{task}", {"description": "\x00", "version": 1}, "description"),
    ("POST", "/items/", {"title": "a\x00b"}, "title"),
    ("POST", "/items/", {"title": "ok", "description": "a\x00b"}, "description"),
    ("PATCH", "/items/{item}", {"title": "a\x00b"}, "title"),
    ("PATCH", "/items/{item}", {"description": "a\x00b"}, "description"),
    ("POST", "/users/", {"email": "new\x00@example.com", "password": "a fine long password"}, "email"),
    ("POST", "/users/", {"email": "new@example.com", "password": "a fine long\x00password"}, "password"),
    ("PATCH", "/users/{alice}", {"email": "alice\x00@example.com"}, "email"),
    ("POST", "/tasks/", {"title": "ok", "ti\x00tle": "x"}, "ti\x00tle"),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), NUL_FIELDS)
def test_text_with_a_nul_character_is_422_naming_the_field_in_every_string_field(
    admin_api, alice, method, path, body, field
):
    """As the pages refuse it: PostgreSQL cannot store NUL, and an exported CSV with one would not import."""
    task = admin_api.post("/tasks/", json={"title": "Untouched"}).get_json()
    item = admin_api.post("/items/", json={"title": "Untouched"}).get_json()
    before = (
        admin_api.get("/tasks/").get_json(),
        admin_api.get("/items/").get_json(),
        admin_api.get("/users/").get_json(),
    )

    response = admin_api.request(method, path.format(task=task["id"], item=item["id"], alice=alice.id), json=body)

    assert response.status_code == 422
    assert field_locs(response) == {field}
    assert "NUL" in response.get_json()["detail"][0]["msg"]
    after = (
        admin_api.get("/tasks/").get_json(),
        admin_api.get("/items/").get_json(),
        admin_api.get("/users/").get_json(),
    )
    assert after == before
