"""The list pages, the labels page, quick add and the board, as a person uses them."""

import re
from datetime import timedelta

import pytest
from helpers import TODAY, created_id, listed_titles

from webapp import crud
from webapp.models import Priority, TaskStatus


def owner_of(client):
    return crud.get_user_by_email("alice@example.com")


@pytest.fixture
def alice_lists(alice_client, today):
    """Alice's Inbox and a Trip list with labelled, prioritised tasks."""
    with alice_client.application.app_context():
        owner = owner_of(alice_client)
        trip = crud.create_list(owner, "Trip")
        packing = crud.create_label(owner, "packing", "blue")
        crud.create_task(owner, "Pack bags", list_id=trip.id, label_ids=[packing.id], priority=Priority.HIGH)
        crud.create_task(owner, "Book hotel", list_id=trip.id, due_date=TODAY - timedelta(days=1))
        crud.create_task(owner, "Buy milk")
        return {"inbox": crud.get_inbox(owner).id, "trip": trip.id, "packing": packing.id}


def test_a_new_account_has_an_inbox_in_its_navigation(alice_client):
    page = alice_client.get("/tasks/").text
    nav = page.split('aria-label="Your lists"')[1].split("</nav>")[0]
    assert re.findall(r'href="/lists/\d+">([^<]+)</a>', nav) == ["Inbox"]


def test_creating_a_list_shows_it_and_a_name_in_use_is_an_error_by_the_field(alice_client, alice_lists):
    response = alice_client.post("/lists/new", data={"name": "  Garden "})
    garden = created_id(response)
    assert "Garden" in alice_client.get(f"/lists/{garden}").text
    for name, message in [
        ("trip", "You already have one of that name."),
        ("", "This field is required."),
        ("x" * 101, "Field cannot be longer than 100 characters."),
    ]:
        response = alice_client.post("/lists/new", data={"name": name})
        assert response.status_code == 422 and message in response.text


def test_the_lists_page_counts_open_and_overdue_tasks_of_each_list(alice_client, alice_lists):
    page = alice_client.get("/lists/").text
    rows = re.findall(
        r'<td class="list-name"><a href="/lists/\d+">([^<]+)</a>.*?<td class="open-count">(\d+)</td>\s*'
        r'<td class="overdue-count">(.*?)</td>',
        page,
        re.S,
    )
    assert [(name, open_count, re.sub("<[^>]+>", "", overdue)) for name, open_count, overdue in rows] == [
        ("Inbox", "1", "0"),
        ("Trip", "2", "1 overdue"),
    ]


def test_a_lists_page_shows_its_tasks_only_with_chips_and_priority_in_words(alice_client, alice_lists):
    page = alice_client.get(f"/lists/{alice_lists['trip']}?sort=title").text
    assert listed_titles(page) == ["Book hotel", "Pack bags"]
    assert '<span class="label-chip label-blue">packing</span>' in page
    assert '<span class="priority-high">High</span>' in page


def test_filters_by_label_and_priority_show_as_removable_chips(alice_client, alice_lists):
    trip = alice_lists["trip"]
    page = alice_client.get(f"/lists/{trip}?label={alice_lists['packing']}&priority=3").text
    assert listed_titles(page) == ["Pack bags"]
    chips = dict(re.findall(r'<a class="badge[^"]*active-filter" href="([^"]+)"[^>]*>([^<]+) <', page))
    assert set(chips.values()) == {"Label: packing", "Priority: High"}
    assert all(href.startswith(f"/lists/{trip}") for href in chips)
    everywhere = alice_client.get(f"/tasks/?list={trip}&sort=title").text
    assert listed_titles(everywhere) == ["Book hotel", "Pack bags"] and "List: Trip" in everywhere


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/lists/{id}"),
        ("get", "/lists/{id}/edit"),
        ("post", "/lists/{id}/edit"),
        ("post", "/lists/{id}/delete"),
        ("get", "/lists/{id}/board"),
        ("post", "/lists/{id}/quick-add"),
        ("get", "/labels/{label}/edit"),
        ("post", "/labels/{label}/delete"),
        ("get", "/tasks/new?list={id}"),
    ],
)
def test_someone_elses_list_or_label_is_404(bob_client, alice_lists, method, path):
    response = getattr(bob_client, method)(
        path.format(id=alice_lists["trip"], label=alice_lists["packing"]),
        data={"name": "mine", "text": "mine", "colour": "red"},
    )
    if path.startswith("/tasks/new"):  # the form just offers the person's own lists
        assert response.status_code == 200 and "Trip" not in response.text
    else:
        assert response.status_code == 404 and "Trip" not in response.text and "packing" not in response.text


def test_deleting_a_list_trashes_its_tasks_and_undo_puts_them_in_the_inbox(alice_client, alice_lists):
    response = alice_client.post(f"/lists/{alice_lists['trip']}/delete", follow_redirects=True)
    assert "List “Trip” deleted; 2 tasks moved to the trash." in response.text
    undo = re.search(r'<form method="post" action="/tasks/trash/restore".*?</form>', response.text, re.S).group(0)
    ids = re.findall(r'name="ids" value="(\d+)"', undo)
    assert len(ids) == 2
    alice_client.post("/tasks/trash/restore", data={"ids": ids})
    inbox = alice_client.get(f"/lists/{alice_lists['inbox']}?sort=title").text
    assert listed_titles(inbox) == ["Book hotel", "Buy milk", "Pack bags"]


def test_the_inbox_cannot_be_deleted(alice_client, alice_lists):
    response = alice_client.post(f"/lists/{alice_lists['inbox']}/delete", follow_redirects=True)
    assert "The Inbox cannot be deleted" in response.text
    assert "Inbox" in alice_client.get("/lists/").text


def test_the_task_form_defaults_to_the_list_you_came_from_and_saves_labels_and_priority(alice_client, alice_lists):
    form = alice_client.get(f"/tasks/new?list={alice_lists['trip']}").text
    assert re.search(rf'<option selected value="{alice_lists["trip"]}">Trip</option>', form)
    assert 'type="checkbox" value="{}"'.format(alice_lists["packing"]) in form.replace('name="label_ids" ', "")
    task_id = created_id(
        alice_client.post(
            "/tasks/new",
            data={
                "title": "Passport",
                "status": "pending",
                "list_id": alice_lists["trip"],
                "label_ids": [alice_lists["packing"]],
                "priority": "4",
            },
        )
    )
    page = alice_client.get(f"/tasks/{task_id}").text
    assert "Trip" in page and "packing" in page and '<span class="priority-urgent">Urgent</span>' in page
    default = alice_client.get("/tasks/new").text
    assert re.search(rf'<option selected value="{alice_lists["inbox"]}">Inbox</option>', default)


def test_a_task_form_naming_someone_elses_list_or_label_is_refused(alice_client, alice_lists, accounts):
    with alice_client.application.app_context():
        bob = crud.create_user("bob@example.com", "a long enough password")
        bobs_inbox = crud.get_inbox(bob).id
    response = alice_client.post("/tasks/new", data={"title": "Sneaky", "status": "pending", "list_id": bobs_inbox})
    assert response.status_code == 422 and "Not a valid choice" in response.text


def test_labels_page_creates_renames_recolours_and_deletes_without_losing_tasks(alice_client, alice_lists):
    response = alice_client.post("/labels/", data={"name": "Errands", "colour": "green"}, follow_redirects=True)
    assert '<span class="label-chip label-green">Errands</span>' in response.text
    taken = alice_client.post("/labels/", data={"name": "PACKING", "colour": "red"})
    assert taken.status_code == 422 and "You already have one of that name." in taken.text
    packing = alice_lists["packing"]
    alice_client.post(f"/labels/{packing}/edit", data={"name": "Luggage", "colour": "purple"})
    assert '<span class="label-chip label-purple">Luggage</span>' in alice_client.get("/labels/").text
    deleted = alice_client.post(f"/labels/{packing}/delete", follow_redirects=True).text
    assert "Label “Luggage” deleted; its tasks are kept." in deleted and 'label-purple">Luggage' not in deleted
    assert "Pack bags" in alice_client.get(f"/lists/{alice_lists['trip']}").text


def test_quick_add_reads_the_line_and_the_task_page_says_what_it_understood(alice_client, alice_lists):
    response = alice_client.post(
        f"/lists/{alice_lists['inbox']}/quick-add",
        data={"text": "Pay rent tomorrow #home !high"},
        follow_redirects=True,
    )
    page = response.text
    assert '<h1 class="h3 task-title">Pay rent</h1>' in page
    assert "Understood: due 2030-06-13 (tomorrow), label home, priority High. New label: home." in page
    assert '<span class="label-chip label-grey">home</span>' in page and ">Inbox</a>" in page
    moved = alice_client.post(
        f"/lists/{alice_lists['inbox']}/quick-add", data={"text": "Buy adapter @trip #packing"}, follow_redirects=True
    ).text
    assert "added to Trip" in moved and "New label" not in moved


def test_quick_add_with_nothing_but_words_it_takes_out_says_so(alice_client, alice_lists):
    response = alice_client.post(
        f"/lists/{alice_lists['inbox']}/quick-add", data={"text": "#home !high"}, follow_redirects=True
    )
    assert "Quick add needs a title" in response.text


def test_bulk_actions_move_label_unlabel_and_prioritise_only_the_persons_tasks(alice_client, alice_lists):
    with alice_client.application.app_context():
        ids = [task.id for task in crud.list_tasks(owner_of(alice_client)).items]

    def bulk(**data: object) -> str:
        return alice_client.post("/tasks/bulk", data={"ids": ids, **data}, follow_redirects=True).text

    assert "1 task moved to Trip." in bulk(action="move", list_id=alice_lists["trip"])
    assert "Label packing added to 2 tasks." in bulk(action="add_label", label_id=alice_lists["packing"])
    assert "Label packing removed from 3 tasks." in bulk(action="remove_label", label_id=alice_lists["packing"])
    assert "3 tasks set to priority Urgent." in bulk(action="set_priority", priority="4")


def test_bulk_moving_to_someone_elses_list_is_404_and_changes_nothing(alice_client, bob_client, alice_lists):
    with alice_client.application.app_context():
        bobs_inbox = crud.get_inbox(crud.get_user_by_email("bob@example.com")).id
        ids = [task.id for task in crud.list_tasks(owner_of(alice_client)).items]
    response = alice_client.post("/tasks/bulk", data={"ids": ids, "action": "move", "list_id": bobs_inbox})
    assert response.status_code == 404
    assert len(listed_titles(alice_client.get(f"/lists/{alice_lists['trip']}").text)) == 2


def card_form(page: str, title: str, target: str) -> dict:
    card = re.search(
        rf"<article[^>]*>(?:(?!</article>).)*>{re.escape(title)}</a>(?:(?!</article>).)*</article>", page, re.S
    )
    for form in re.findall(r"<form method=\"post\" action=\"[^\"]+\">(.*?)</form>", card.group(0), re.S):
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))
        if fields["status"] == target:
            return fields
    raise AssertionError(f"no Move to {target} button on {title}")


def column_titles(page: str, status: str) -> list[str]:
    column = page.split(f'data-status="{status}"')[1].split("</section>")[0]
    return re.findall(r'class="h6 card-title[^>]*><a href="/tasks/\d+">([^<]+)</a>', column)


def test_the_board_shows_a_column_per_status_and_cards_move_by_their_buttons(alice_client, alice_lists):
    board_url = f"/lists/{alice_lists['trip']}/board"
    page = alice_client.get(board_url).text
    assert column_titles(page, "pending") == ["Pack bags", "Book hotel"]  # High priority first
    assert "Due Jun 11, 2030 (overdue)" in page and 'Priority: <span class="priority-high">High</span>' in page
    fields = card_form(page, "Pack bags", "in_progress")
    response = alice_client.post(f"{board_url}/move", data=fields, follow_redirects=True)
    assert "Moved “Pack bags” to In progress." in response.text
    assert column_titles(response.text, "in_progress") == ["Pack bags"]

    stale = alice_client.post(f"{board_url}/move", data={**fields, "status": "completed"})
    assert stale.status_code == 409 and "changed elsewhere" in stale.text
    assert column_titles(stale.text, "in_progress") == ["Pack bags"]


def test_the_board_shows_the_newest_fifty_completed_with_a_link_to_the_rest(alice_client, alice_lists):
    with alice_client.application.app_context():
        owner = owner_of(alice_client)
        for number in range(52):
            crud.create_task(owner, f"Done {number}", list_id=alice_lists["trip"], status=TaskStatus.COMPLETED)
    page = alice_client.get(f"/lists/{alice_lists['trip']}/board").text
    assert len(column_titles(page, "completed")) == 50
    assert f'href="/lists/{alice_lists["trip"]}?status=completed">Newest 50 of 52 shown' in page
