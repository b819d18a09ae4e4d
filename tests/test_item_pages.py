"""Items: the same create, read, update and delete as tasks, with title and description."""

import re

import pytest
from helpers import created_id, listed_titles, query_of


def new_item(client, title="Camera", description="Fuji X100"):
    return client.post("/items/new", data={"title": title, "description": description})


def test_creating_an_item_redirects_to_it(alice_client):
    response = new_item(alice_client)
    item_id = created_id(response)
    assert response.headers["Location"] == f"/items/{item_id}"
    page = alice_client.get(f"/items/{item_id}").text
    assert "Camera" in page and "Fuji X100" in page


@pytest.mark.parametrize(
    "title, description, message",
    [
        ("", "", "This field is required."),
        ("x" * 201, "", "Field cannot be longer than 200 characters."),
        ("Ok", "x" * 10_001, "Field cannot be longer than 10000 characters."),
    ],
)
def test_invalid_items_are_refused_and_nothing_is_stored(alice_client, title, description, message):
    response = new_item(alice_client, title, description)
    assert response.status_code == 422 and message in response.text
    assert "You have no items yet." in alice_client.get("/items/").text


def test_the_item_list_searches_and_paginates(alice_client):
    for number in range(4):
        new_item(alice_client, f"Lens {number}")
    new_item(alice_client, "Tripod", "carbon")
    listed = alice_client.get("/items/?q=lens").text.split("<tbody>")[1]
    assert "Lens 3" in listed and "Tripod" not in listed
    page = alice_client.get("/items/?per_page=2&page=2").text
    assert "5 in all" in page


def test_editing_an_item(alice_client):
    item_id = created_id(new_item(alice_client))
    response = alice_client.post(f"/items/{item_id}/edit", data={"title": "Camera body", "description": ""})
    assert response.headers["Location"] == f"/items/{item_id}"
    page = alice_client.get(f"/items/{item_id}").text
    assert "Camera body" in page and "Fuji X100" not in page


def test_an_invalid_edit_keeps_the_item(alice_client):
    item_id = created_id(new_item(alice_client))
    assert alice_client.post(f"/items/{item_id}/edit", data={"title": ""}).status_code == 422
    assert "Camera" in alice_client.get(f"/items/{item_id}").text


def test_deleting_an_item(alice_client):
    item_id = created_id(new_item(alice_client))
    assert alice_client.post(f"/items/{item_id}/delete").headers["Location"] == "/items/"
    assert alice_client.get(f"/items/{item_id}").status_code == 404


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["delta", "Charlie", "bravo", "Alpha"]),
        ("?sort=title", ["Alpha", "bravo", "Charlie", "delta"]),
        ("?sort=-title", ["delta", "Charlie", "bravo", "Alpha"]),
        ("?sort=created", ["Alpha", "bravo", "Charlie", "delta"]),
        ("?q=A&sort=title", ["Alpha", "bravo", "Charlie", "delta"]),
        ("?q=LI&sort=-updated", ["Charlie"]),
        ("?q=ph", ["Alpha"]),
        ("?sort=title&per_page=10&page=9", ["Alpha", "bravo", "Charlie", "delta"]),
    ],
)
def test_the_item_list_searches_case_insensitively_and_sorts_by_column(alice_client, query, expected):
    for title in ("Alpha", "bravo", "Charlie", "delta"):
        new_item(alice_client, title, "")
    assert listed_titles(alice_client.get(f"/items/{query}").text) == expected


def test_item_column_headers_and_pages_keep_the_search(alice_client):
    for number in range(12):
        new_item(alice_client, f"Lens {number:02}", "")
    page = alice_client.get("/items/?q=lens&sort=title&per_page=10").text
    assert listed_titles(page)[0] == "Lens 00" and 'aria-sort="ascending"' in page
    links = [query_of(href) for href in re.findall(r'href="(/items/\?[^"]+)"', page)]
    assert {"q": ["lens"], "sort": ["-title"], "per_page": ["10"]} in links
    assert {"q": ["lens"], "sort": ["title"], "per_page": ["10"], "page": ["2"]} in links
    assert "Sort by: Not a valid choice." in alice_client.get("/items/?sort=due").text
