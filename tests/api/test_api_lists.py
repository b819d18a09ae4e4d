"""/api/v1/lists and /api/v1/labels, and tasks that carry their list, labels and priority."""

import pytest

from .helpers import field_locs


def make(api, path, **fields):
    response = api.post(path, json=fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_lists_are_created_renamed_and_deleted_and_the_inbox_stays(alice_api):
    inbox = alice_api.get("/lists/").get_json()["items"][0]
    assert (inbox["name"], inbox["is_inbox"]) == ("Inbox", True)
    trip = make(alice_api, "/lists/", name=" Trip ")
    assert trip["name"] == "Trip" and alice_api.get(f"/lists/{trip['id']}").get_json() == trip
    taken = alice_api.post("/lists/", json={"name": "TRIP"})
    assert taken.status_code == 400 and field_locs(taken) == {"name"}
    assert alice_api.patch(f"/lists/{trip['id']}", json={"name": "Journey"}).get_json()["name"] == "Journey"
    assert alice_api.delete(f"/lists/{inbox['id']}").status_code == 409
    assert alice_api.delete(f"/lists/{trip['id']}").status_code == 204
    assert [each["name"] for each in alice_api.get("/lists/").get_json()["items"]] == ["Inbox"]


def test_labels_are_created_recoloured_and_deleted_with_palette_colours_only(alice_api):
    home = make(alice_api, "/labels/", name="home", colour="green")
    assert alice_api.post("/labels/", json={"name": "Home"}).status_code == 400
    assert alice_api.post("/labels/", json={"name": "work", "colour": "#ff0000"}).status_code == 422
    changed = alice_api.patch(f"/labels/{home['id']}", json={"colour": "purple"}).get_json()
    assert changed == {"id": home["id"], "name": "home", "colour": "purple"}
    assert alice_api.delete(f"/labels/{home['id']}").status_code == 204
    assert alice_api.get("/labels/").get_json() == {"items": []}


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/lists/{list}"),
        ("patch", "/lists/{list}"),
        ("delete", "/lists/{list}"),
        ("get", "/labels/{label}"),
        ("patch", "/labels/{label}"),
        ("delete", "/labels/{label}"),
        ("get", "/tasks/?list={list}"),
    ],
)
def test_someone_elses_list_or_label_is_404(alice_api, bob_api, method, path):
    ids = {
        "list": make(alice_api, "/lists/", name="Secret")["id"],
        "label": make(alice_api, "/labels/", name="secret")["id"],
    }
    kwargs = {"json": {"name": "mine"}} if method == "patch" else {}
    response = getattr(bob_api, method)(path.format(**ids), **kwargs)
    assert response.status_code == 404


def test_tasks_carry_list_labels_and_priority_and_filter_by_them(alice_api, bob_api):
    trip = make(alice_api, "/lists/", name="Trip")["id"]
    packing = make(alice_api, "/labels/", name="packing", colour="blue")
    task = make(alice_api, "/tasks/", title="Pack", list_id=trip, priority=3, label_ids=[packing["id"]])
    assert (task["list_id"], task["priority"], task["labels"]) == (trip, 3, [packing])
    make(alice_api, "/tasks/", title="Other")

    filtered = alice_api.get(f"/tasks/?list={trip}&label={packing['id']}&priority=3&priority=4").get_json()
    assert [each["title"] for each in filtered["items"]] == ["Pack"]

    inbox = alice_api.get("/lists/").get_json()["items"][0]["id"]
    moved = alice_api.patch(f"/tasks/{task['id']}", json={"list_id": inbox, "label_ids": [], "version": 1})
    assert (moved.get_json()["list_id"], moved.get_json()["labels"]) == (inbox, [])

    bobs_inbox = bob_api.get("/lists/").get_json()["items"][0]["id"]
    refused = alice_api.post("/tasks/", json={"title": "Sneaky", "list_id": bobs_inbox})
    assert refused.status_code == 404
    assert alice_api.get("/tasks/").get_json()["total"] == 2
