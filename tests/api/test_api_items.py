"""/api/v1/items: the token owner's items, with the item pages' rules."""

import pytest

from webapp.models import DESCRIPTION_MAX, TITLE_MAX

from .helpers import field_locs


def create(api, **fields):
    response = api.post("/items/", json={"title": "Passport", **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_creating_an_item_answers_201_with_it_and_its_location(alice_api, alice, alice_client):
    response = alice_api.post("/items/", json={"title": "Passport", "description": "in the drawer"})

    assert response.status_code == 201
    item = response.get_json()
    assert (item["title"], item["description"], item["owner_id"]) == ("Passport", "in the drawer", alice.id)
    assert response.headers["Location"] == f"/api/v1/items/{item['id']}"
    assert "Passport" in alice_client.get(f"/items/{item['id']}").text


@pytest.mark.parametrize(
    ("body", "bad_field"),
    [
        ({}, "title"),
        ({"title": " "}, "title"),
        ({"title": "x" * (TITLE_MAX + 1)}, "title"),
        ({"title": "ok", "description": "x" * (DESCRIPTION_MAX + 1)}, "description"),
        ({"title": "ok", "owner_id": 3}, "owner_id"),
        ({"title": ["a"]}, "title"),
    ],
)
def test_an_invalid_item_is_422_naming_the_field_and_nothing_is_stored(alice_api, body, bad_field):
    response = alice_api.post("/items/", json=body)

    assert response.status_code == 422
    assert field_locs(response) == {bad_field}
    assert alice_api.get("/items/").get_json()["total"] == 0


def test_the_list_has_only_your_items_newest_first_with_search_and_paging(alice_api, bob_api):
    ids = [create(alice_api, title=f"Box {n}")["id"] for n in range(3)]
    create(alice_api, title="Passport")
    create(bob_api, title="Box of Bob")

    boxes = alice_api.get("/items/?q=box").get_json()
    assert boxes["total"] == 3
    assert [i["id"] for i in boxes["items"]] == ids[::-1]
    assert [i["id"] for i in alice_api.get("/items/?q=box&skip=1&limit=1").get_json()["items"]] == [ids[1]]
    assert [i["title"] for i in alice_api.get("/items/?sort=-title").get_json()["items"]] == [
        "Passport",
        "Box 2",
        "Box 1",
        "Box 0",
    ]
    assert alice_api.get("/items/?sort=colour").status_code == 422


def test_patching_an_item_changes_only_the_fields_sent(alice_api):
    item = create(alice_api, description="keep me")

    response = alice_api.patch(f"/items/{item['id']}", json={"title": "Old passport"})

    assert response.status_code == 200
    assert (response.get_json()["title"], response.get_json()["description"]) == ("Old passport", "keep me")


def test_an_invalid_patch_changes_nothing(alice_api):
    item = create(alice_api)

    response = alice_api.patch(f"/items/{item['id']}", json={"title": None})

    assert response.status_code == 422
    assert field_locs(response) == {"title"}
    assert alice_api.get(f"/items/{item['id']}").get_json() == item


def test_deleting_an_item_answers_204_and_it_is_gone(alice_api):
    item = create(alice_api)

    assert alice_api.delete(f"/items/{item['id']}").status_code == 204
    assert alice_api.get(f"/items/{item['id']}").get_json() == {"detail": "Item not found"}


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_another_users_item_is_404_and_unchanged(alice_api, bob_api, method):
    item = create(alice_api)

    response = bob_api.request(method, f"/items/{item['id']}", json={"title": "mine now"})

    assert response.status_code == 404
    assert response.get_json() == {"detail": "Item not found"}
    assert alice_api.get(f"/items/{item['id']}").get_json() == item
