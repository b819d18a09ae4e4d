"""/api/v1/tasks: the task pages' rules, spoken in JSON."""

from datetime import timedelta

import pytest

from webapp.models import DESCRIPTION_MAX, TITLE_MAX

from .helpers import field_locs


def create(api, **fields):
    response = api.post("/tasks/", json={"title": "Write the report", **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_creating_a_task_answers_201_with_the_task_its_location_and_etag(alice_api, alice_client):
    response = alice_api.post(
        "/tasks/",
        json={"title": "  Write the report ", "description": "Q3", "status": "in_progress", "due_date": "2031-05-04"},
    )

    assert response.status_code == 201
    task = response.get_json()
    assert task["title"] == "Write the report"
    assert task["description"] == "Q3"
    assert task["status"] == "in_progress"
    assert task["due_date"] == "2031-05-04"
    assert task["version"] == 1
    assert task["completed_at"] is None
    assert task["created_at"].endswith("Z")
    assert response.headers["Location"] == f"/api/v1/tasks/{task['id']}"
    assert response.headers["ETag"] == '"1"'
    assert "Write the report" in alice_client.get(f"/tasks/{task['id']}").text


def test_a_task_created_as_completed_records_when(alice_api):
    assert create(alice_api, status="completed")["completed_at"] is not None


INVALID_TASKS = [
    ({"description": "no title"}, "title"),
    ({"title": ""}, "title"),
    ({"title": "   "}, "title"),
    ({"title": "x" * (TITLE_MAX + 1)}, "title"),
    ({"title": 42}, "title"),
    ({"title": "ok", "description": "x" * (DESCRIPTION_MAX + 1)}, "description"),
    ({"title": "ok", "status": "done"}, "status"),
    ({"title": "ok", "due_date": "tomorrow"}, "due_date"),
    ({"title": "ok", "due_date": "2031-02-30"}, "due_date"),
    ({"title": "ok", "owner_id": 1}, "owner_id"),
    ({"title": "ok", "priority": "high"}, "priority"),
]


@pytest.mark.parametrize(("body", "bad_field"), INVALID_TASKS)
def test_an_invalid_task_is_422_naming_the_field_and_nothing_is_stored(alice_api, body, bad_field):
    response = alice_api.post("/tasks/", json=body)

    assert response.status_code == 422
    assert field_locs(response) == {bad_field}
    assert alice_api.get("/tasks/").get_json()["total"] == 0


def test_every_bad_field_is_named_at_once(alice_api):
    response = alice_api.post("/tasks/", json={"title": "", "status": "done", "colour": "red"})

    assert response.status_code == 422
    assert field_locs(response) == {"title", "status", "colour"}
    assert all(error["msg"] for error in response.get_json()["detail"])


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("{not json", "application/json"),
        ('["a list"]', "application/json"),
        ("title=x", "application/x-www-form-urlencoded"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_400(alice_api, data, content_type):
    response = alice_api.post("/tasks/", data=data, content_type=content_type)

    assert response.status_code == 400
    assert response.get_json()["detail"][0]["loc"] == ["body"]


def test_reading_a_task_gives_its_version_as_etag(alice_api):
    task = create(alice_api)

    response = alice_api.get(f"/tasks/{task['id']}")

    assert response.status_code == 200
    assert response.get_json() == task
    assert response.headers["ETag"] == '"1"'


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_another_users_task_is_404_and_unchanged(alice_api, bob_api, method):
    task = create(alice_api)

    response = bob_api.request(method, f"/tasks/{task['id']}", json={"title": "mine now", "version": 1})

    assert response.status_code == 404
    assert response.get_json() == {"detail": "Task not found"}
    assert alice_api.get(f"/tasks/{task['id']}").get_json() == task


@pytest.mark.parametrize(
    "path", ["/tasks/999999", "/tasks/2147483648", "/tasks/99999999999999999999", "/tasks/abc", "/tasks/-1"]
)
def test_a_missing_or_malformed_task_id_is_a_json_404(alice_api, path):
    response = alice_api.get(path)

    assert response.status_code == 404
    assert response.is_json


def test_the_list_is_newest_first_with_the_total_and_only_your_tasks(alice_api, bob_api):
    first, second = create(alice_api, title="First"), create(alice_api, title="Second")
    create(bob_api, title="Bob's")

    body = alice_api.get("/tasks/").get_json()

    assert body["total"] == 2
    assert [t["id"] for t in body["items"]] == [second["id"], first["id"]]


def titles(api, query: str) -> list[str]:
    return [t["title"] for t in api.get(f"/tasks/{query}").get_json()["items"]]


def test_the_list_filters_by_status_and_search(alice_api):
    create(alice_api, title="Call the bank", status="completed")
    create(alice_api, title="Call mum")
    create(alice_api, title="Water plants", description="and CALL the gardener", status="in_progress")

    assert sorted(titles(alice_api, "?status=completed")) == ["Call the bank"]
    assert sorted(titles(alice_api, "?status=completed&status=in_progress")) == ["Call the bank", "Water plants"]
    assert sorted(titles(alice_api, "?q=call")) == ["Call mum", "Call the bank", "Water plants"]
    assert sorted(titles(alice_api, "?q=call&status=pending")) == ["Call mum"]


def test_the_list_filters_by_due_date_like_the_list_page(alice_api, today):
    create(alice_api, title="Late", due_date=(today - timedelta(days=1)).isoformat())
    create(alice_api, title="Today", due_date=today.isoformat())
    create(alice_api, title="Someday")

    assert titles(alice_api, "?due=overdue") == ["Late"]
    assert titles(alice_api, "?due=today") == ["Today"]
    assert titles(alice_api, "?due=none") == ["Someday"]


def test_the_list_sorts_like_the_list_page_with_undated_tasks_last(alice_api):
    create(alice_api, title="b later", due_date="2031-06-01")
    create(alice_api, title="A no date")
    create(alice_api, title="c sooner", due_date="2031-01-01")

    assert titles(alice_api, "?sort=due") == ["c sooner", "b later", "A no date"]
    assert titles(alice_api, "?sort=-due") == ["b later", "c sooner", "A no date"]
    assert titles(alice_api, "?sort=title") == ["A no date", "b later", "c sooner"]


def test_deleted_tasks_are_not_listed(alice_api):
    create(alice_api, title="Keep")
    alice_api.delete(f"/tasks/{create(alice_api, title='Bin')['id']}")

    assert titles(alice_api, "") == ["Keep"]
    assert alice_api.get("/tasks/").get_json()["total"] == 1


def test_the_list_pages_by_skip_and_limit_or_by_page_and_per_page(alice_api):
    ids = [create(alice_api, title=f"Task {n}")["id"] for n in range(5)]
    newest_first = ids[::-1]

    def page(query):
        body = alice_api.get(f"/tasks/{query}").get_json()
        assert body["total"] == 5
        return [t["id"] for t in body["items"]]

    assert page("?skip=1&limit=3") == newest_first[1:4]
    assert page("?skip=4&limit=3") == newest_first[4:]
    assert page("?page=2&per_page=2") == newest_first[2:4]
    assert page("?skip=10&limit=3") == []
    assert page("?page=9&per_page=2") == newest_first[4:]


@pytest.mark.parametrize(
    ("query", "bad_field"),
    [
        ("limit=101", "limit"),
        ("limit=0", "limit"),
        ("skip=-1", "skip"),
        ("per_page=1000", "per_page"),
        ("page=0", "page"),
        ("page=x", "page"),
        ("status=done", "status"),
        ("due=soon", "due"),
        ("sort=importance", "sort"),
        ("sort=--title", "sort"),
        ("sort_by=title", "sort_by"),
    ],
)
def test_bad_list_parameters_are_422_naming_them(alice_api, query, bad_field):
    response = alice_api.get(f"/tasks/?{query}")

    assert response.status_code == 422
    assert field_locs(response) == {bad_field}


def test_patching_with_the_version_in_the_body_changes_only_the_fields_sent(alice_api):
    task = create(alice_api, description="keep me", due_date="2031-01-01")

    response = alice_api.patch(f"/tasks/{task['id']}", json={"status": "completed", "version": 1})

    assert response.status_code == 200
    changed = response.get_json()
    assert changed["status"] == "completed"
    assert changed["completed_at"] is not None
    assert (changed["title"], changed["description"], changed["due_date"]) == (
        "Write the report",
        "keep me",
        "2031-01-01",
    )
    assert changed["version"] == 2
    assert response.headers["ETag"] == '"2"'


def test_patching_with_if_match_uses_the_etag_a_get_returned(alice_api):
    task = create(alice_api)
    etag = alice_api.get(f"/tasks/{task['id']}").headers["ETag"]

    response = alice_api.patch(f"/tasks/{task['id']}", json={"title": "Renamed"}, headers={"If-Match": etag})

    assert response.status_code == 200
    assert response.get_json()["title"] == "Renamed"


def test_an_unquoted_version_in_if_match_is_accepted_too(alice_api):
    task = create(alice_api)

    response = alice_api.patch(f"/tasks/{task['id']}", json={"title": "Renamed"}, headers={"If-Match": "1"})

    assert response.status_code == 200


def test_patching_can_clear_the_description_and_due_date(alice_api):
    task = create(alice_api, description="old", due_date="2031-01-01")

    changed = alice_api.patch(
        f"/tasks/{task['id']}", json={"description": None, "due_date": None, "version": 1}
    ).get_json()

    assert (changed["description"], changed["due_date"]) == (None, None)


@pytest.mark.parametrize("how", ["body", "If-Match"])
def test_a_stale_version_is_409_with_the_stored_task_and_the_earlier_save_is_kept(alice_api, how):
    task = create(alice_api)
    alice_api.patch(f"/tasks/{task['id']}", json={"title": "Saved first", "version": 1})

    stale = (
        {"json": {"title": "Saved second", "version": 1}}
        if how == "body"
        else {"json": {"title": "Saved second"}, "headers": {"If-Match": '"1"'}}
    )
    response = alice_api.patch(f"/tasks/{task['id']}", **stale)

    assert response.status_code == 409
    body = response.get_json()
    assert "version 1" in body["detail"]
    assert body["current"]["title"] == "Saved first"
    assert body["current"]["version"] == 2
    assert alice_api.get(f"/tasks/{task['id']}").get_json()["title"] == "Saved first"


def test_patching_without_any_version_is_428(alice_api):
    task = create(alice_api)

    response = alice_api.patch(f"/tasks/{task['id']}", json={"title": "Blind write"})

    assert response.status_code == 428
    assert "If-Match" in response.get_json()["detail"]
    assert alice_api.get(f"/tasks/{task['id']}").get_json()["title"] == "Write the report"


@pytest.mark.parametrize("if_match", ["*", '"1", "2"', '"7", "1"'])
def test_an_if_match_of_star_or_naming_the_current_etag_among_others_applies_the_change(alice_api, if_match):
    task = create(alice_api)

    response = alice_api.patch(f"/tasks/{task['id']}", json={"title": "Renamed"}, headers={"If-Match": if_match})

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["title"] == "Renamed"


def test_if_match_star_changes_a_task_whatever_its_version(alice_api):
    task = create(alice_api)
    alice_api.patch(f"/tasks/{task['id']}", json={"title": "Saved first", "version": 1})

    response = alice_api.patch(f"/tasks/{task['id']}", json={"status": "completed"}, headers={"If-Match": "*"})

    assert response.status_code == 200
    assert (response.get_json()["title"], response.get_json()["version"]) == ("Saved first", 3)


@pytest.mark.parametrize("if_match", ['W/"1"', 'W/"1", W/"2"', '"one"', '"", W/"1"'])
def test_an_if_match_naming_no_strong_etag_of_the_task_is_412_and_changes_nothing(alice_api, if_match):
    """RFC 9110 compares If-Match strongly: a weak ETag never matches, even of the current version."""
    task = create(alice_api)

    response = alice_api.patch(f"/tasks/{task['id']}", json={"title": "x"}, headers={"If-Match": if_match})

    assert response.status_code == 412
    assert '"1"' in response.get_json()["detail"]
    assert alice_api.get(f"/tasks/{task['id']}").get_json() == task


@pytest.mark.parametrize("if_match", ["", "one", '"1', "**"])
def test_an_if_match_that_is_not_a_list_of_etags_is_422(alice_api, if_match):
    task = create(alice_api)

    response = alice_api.patch(f"/tasks/{task['id']}", json={"title": "x"}, headers={"If-Match": if_match})

    assert response.status_code == 422
    assert field_locs(response) == {"If-Match"}


def test_a_version_written_as_a_whole_float_is_that_integer(alice_api):
    """JSON has one number type; some clients write every number with a fraction."""
    task = create(alice_api)

    response = alice_api.patch(f"/tasks/{task['id']}", json={"title": "Renamed", "version": 1.0})

    assert response.status_code == 200
    assert response.get_json()["version"] == 2


@pytest.mark.parametrize(
    ("body", "bad_field"),
    [
        ({"title": None, "version": 1}, "title"),
        ({"title": "", "version": 1}, "title"),
        ({"status": None, "version": 1}, "status"),
        ({"version": "1"}, "version"),
        ({"version": 1.5}, "version"),
        ({"version": True}, "version"),
        ({"version": 256.5}, "version"),
        ({"id": 5, "version": 1}, "id"),
    ],
)
def test_an_invalid_patch_is_422_and_changes_nothing(alice_api, body, bad_field):
    task = create(alice_api)

    response = alice_api.patch(f"/tasks/{task['id']}", json=body)

    assert response.status_code == 422
    assert field_locs(response) == {bad_field}
    assert alice_api.get(f"/tasks/{task['id']}").get_json() == task


def test_deleting_a_task_answers_204_and_it_is_gone(alice_api):
    task = create(alice_api)

    response = alice_api.delete(f"/tasks/{task['id']}")

    assert response.status_code == 204
    assert response.data == b""
    assert alice_api.get(f"/tasks/{task['id']}").status_code == 404
    assert alice_api.get("/tasks/").get_json()["total"] == 0
