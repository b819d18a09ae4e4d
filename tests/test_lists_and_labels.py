"""Lists, labels and priorities in the CRUD layer: who may do what, and what each change does."""

from datetime import timedelta

import pytest
from helpers import TODAY

from webapp import crud
from webapp.models import Priority, TaskStatus

pytestmark = pytest.mark.usefixtures("app_context", "today")


@pytest.fixture
def owner():
    return crud.create_user("owner@example.com", "a long enough password")


@pytest.fixture
def stranger():
    return crud.create_user("stranger@example.com", "a long enough password")


def titles(page) -> set[str]:
    return {task.title for task in page.items}


def test_every_account_starts_with_an_inbox_where_new_tasks_go(owner):
    [inbox] = crud.list_lists(owner)
    assert (inbox.name, inbox.is_inbox) == ("Inbox", True)
    assert crud.create_task(owner, "Somewhere").list_id == inbox.id


@pytest.mark.parametrize("taken", ["Home", "home", "  HOME "])
def test_list_names_are_unique_per_owner_whatever_the_letter_case(owner, stranger, taken):
    crud.create_list(owner, "Home")
    with pytest.raises(crud.NameTaken) as error:
        crud.create_list(owner, taken)
    assert error.value.field == "name"
    assert crud.create_list(stranger, taken).name == taken.strip()


def test_renaming_a_list_to_a_name_in_use_is_refused(owner):
    crud.create_list(owner, "Home")
    work = crud.create_list(owner, "Work")
    with pytest.raises(crud.NameTaken):
        crud.rename_list(owner, work.id, "HOME")
    assert crud.rename_list(owner, work.id, "Office").name == "Office"


def test_someone_elses_list_or_label_is_not_found(owner, stranger):
    theirs = crud.create_list(stranger, "Theirs")
    label = crud.create_label(stranger, "secret", "red")
    for action in (
        lambda: crud.get_list(owner, theirs.id),
        lambda: crud.rename_list(owner, theirs.id, "Mine now"),
        lambda: crud.delete_list(owner, theirs.id),
        lambda: crud.get_label(owner, label.id),
        lambda: crud.update_label(owner, label.id, "mine", "blue"),
        lambda: crud.delete_label(owner, label.id),
        lambda: crud.create_task(owner, "Sneaky", list_id=theirs.id),
        lambda: crud.create_task(owner, "Sneaky", label_ids=[label.id]),
    ):
        with pytest.raises(crud.NotFound):
            action()
    assert crud.list_tasks(owner).total == 0


def test_deleting_a_list_trashes_its_tasks_and_undo_brings_them_back_into_the_inbox(owner):
    trip = crud.create_list(owner, "Trip")
    packed = crud.create_task(owner, "Pack", list_id=trip.id)
    crud.create_task(owner, "Stays", list_id=None)
    already_trashed = crud.create_task(owner, "Old", list_id=trip.id)
    crud.delete_task(owner, already_trashed.id)

    trashed = crud.delete_list(owner, trip.id)

    assert trashed == [packed.id]
    assert titles(crud.list_tasks(owner)) == {"Stays"}
    assert [task_list.name for task_list in crud.list_lists(owner)] == ["Inbox"]
    assert crud.restore_tasks(owner, trashed) == 1
    assert crud.get_task(owner, packed.id).list_id == crud.get_inbox(owner).id


def test_the_inbox_cannot_be_deleted(owner):
    with pytest.raises(crud.InboxRequired):
        crud.delete_list(owner, crud.get_inbox(owner).id)


def test_label_names_are_unique_and_colours_come_from_the_palette(owner):
    crud.create_label(owner, "Home", "green")
    with pytest.raises(crud.NameTaken):
        crud.create_label(owner, "home", "blue")
    with pytest.raises(crud.UnknownColour) as error:
        crud.create_label(owner, "Work", "#123456")
    assert error.value.field == "colour"


def test_deleting_a_label_keeps_its_tasks(owner):
    label = crud.create_label(owner, "Home", "green")
    task = crud.create_task(owner, "Water plants", label_ids=[label.id])
    crud.delete_label(owner, label.id)
    assert crud.get_task(owner, task.id).labels == []


@pytest.fixture
def organised(owner):
    """Tasks in two lists with labels and priorities."""
    work = crud.create_list(owner, "Work")
    home, urgent = crud.create_label(owner, "home", "green"), crud.create_label(owner, "urgent", "red")
    crud.create_task(owner, "Both labels", label_ids=[home.id, urgent.id], priority=Priority.HIGH)
    crud.create_task(owner, "Home only", label_ids=[home.id], priority=Priority.LOW)
    crud.create_task(owner, "At work", list_id=work.id, label_ids=[urgent.id], priority=Priority.URGENT)
    crud.create_task(owner, "Nothing")
    return work, home, urgent


def test_lists_filter_by_list_by_all_labels_given_and_by_priorities(owner, organised):
    work, home, urgent = organised
    assert titles(crud.list_tasks(owner, list_id=work.id)) == {"At work"}
    assert titles(crud.list_tasks(owner, label=[home.id])) == {"Both labels", "Home only"}
    assert titles(crud.list_tasks(owner, label=[home.id, urgent.id])) == {"Both labels"}
    assert titles(crud.list_tasks(owner, priority=[Priority.HIGH, Priority.URGENT])) == {"Both labels", "At work"}
    assert titles(crud.list_tasks(owner, list_id=crud.get_inbox(owner).id, priority=[0])) == {"Nothing"}


def test_someone_elses_label_or_list_filters_to_nothing(owner, stranger, organised):
    theirs = crud.create_label(stranger, "home", "green")
    assert crud.list_tasks(owner, label=[theirs.id]).total == 0
    assert crud.list_tasks(owner, list_id=crud.get_inbox(stranger).id).total == 0


def test_sorting_by_priority_puts_urgent_first_when_descending(owner, organised):
    page = crud.list_tasks(owner, sort="-priority")
    assert [task.title for task in page.items] == ["At work", "Both labels", "Home only", "Nothing"]


def test_listed_tasks_carry_their_labels_by_name(owner, organised):
    page = crud.list_tasks(owner, sort="title")
    assert {task.title: [label.name for label in task.labels] for task in page.items} == {
        "At work": ["urgent"],
        "Both labels": ["home", "urgent"],
        "Home only": ["home"],
        "Nothing": [],
    }


def test_bulk_changes_touch_only_the_owners_live_tasks(owner, stranger, organised):
    work, home, _ = organised
    mine = [task.id for task in crud.list_tasks(owner, list_id=crud.get_inbox(owner).id).items]
    theirs = crud.create_task(stranger, "Not yours")
    ids = [*mine, theirs.id]

    assert crud.move_tasks_to_list(owner, ids, work.id) == len(mine)
    assert crud.set_priority_of_tasks(owner, ids, Priority.MEDIUM) == len(mine)
    assert crud.add_label_to_tasks(owner, ids, home.id) == 1  # only "Nothing" lacked it
    assert crud.list_tasks(owner, label=[home.id]).total == 3
    assert crud.remove_label_from_tasks(owner, ids, home.id) == 3

    untouched = crud.get_task(stranger, theirs.id)
    assert (untouched.list_id, untouched.priority, untouched.labels) == (crud.get_inbox(stranger).id, Priority.NONE, [])


def test_moving_tasks_to_someone_elses_list_is_refused_and_changes_nothing(owner, stranger, organised):
    task = crud.create_task(owner, "Stay put")
    with pytest.raises(crud.NotFound):
        crud.move_tasks_to_list(owner, [task.id], crud.get_inbox(stranger).id)
    with pytest.raises(crud.NotFound):
        crud.add_label_to_tasks(owner, [task.id], crud.create_label(stranger, "x", "red").id)
    assert crud.get_task(owner, task.id).list_id == crud.get_inbox(owner).id


def test_each_list_counts_its_open_and_overdue_tasks(owner, organised):
    work, _, _ = organised
    crud.create_task(owner, "Late", list_id=work.id, due_date=TODAY - timedelta(days=1))
    crud.create_task(owner, "Done late", list_id=work.id, due_date=TODAY - timedelta(days=1), status="completed")
    counts = crud.count_by_list(owner)
    assert counts[work.id] == crud.ListCounts(open=2, overdue=1)
    assert counts[crud.get_inbox(owner).id] == crud.ListCounts(open=3, overdue=0)


def test_editing_the_list_labels_and_priority_of_a_task_changes_only_those(owner, stranger, organised):
    work, _, urgent = organised
    task = crud.get_task(owner, crud.create_task(owner, "Card", description="Keep me").id)
    task = crud.update_task(
        owner, task, {"list_id": work.id, "label_ids": [urgent.id], "priority": 2}, expected_version=1
    )
    assert (task.list_id, [label.name for label in task.labels], task.priority, task.description) == (
        work.id,
        ["urgent"],
        Priority.MEDIUM,
        "Keep me",
    )
    with pytest.raises(crud.NotFound):
        crud.update_task(
            owner,
            crud.get_task(owner, task.id),
            {"list_id": crud.get_inbox(stranger).id},
            expected_version=task.version,
        )
    with pytest.raises(crud.StaleEdit):
        crud.update_task(owner, crud.get_task(owner, task.id), {"status": TaskStatus.COMPLETED}, expected_version=1)
    assert crud.get_task(owner, task.id).list_id == work.id
