"""What a task list returns: filters, sorting, paging and counts (the CRUD layer every front end uses)."""

from datetime import datetime, timedelta

import pytest
from helpers import TODAY
from sqlalchemy import update

from webapp import crud
from webapp.crud.task_query import SORT_COLUMNS
from webapp.extensions import db
from webapp.models import Task, TaskStatus

pytestmark = pytest.mark.usefixtures("app_context", "today")

DAY = timedelta(days=1)


@pytest.fixture
def owner():
    return crud.create_user("owner@example.com", "a long enough password")


@pytest.fixture
def sample(owner):
    """Tasks around the fixed today, one of them in the trash."""
    for title, status, due, description in [
        ("Overdue open", "pending", TODAY - DAY, None),
        ("Overdue done", "completed", TODAY - DAY, None),
        ("Due today", "in_progress", TODAY, None),
        ("In six days", "pending", TODAY + 6 * DAY, None),
        ("In seven days", "pending", TODAY + 7 * DAY, None),
        ("No date", "pending", None, "Buy MILK and bread"),
    ]:
        crud.create_task(owner, title, description=description, status=status, due_date=due)
    trashed = crud.create_task(owner, "Trashed overdue milk", due_date=TODAY - 3 * DAY)
    crud.delete_task(owner, trashed.id)
    return owner


def titles(page) -> set[str]:
    return {task.title for task in page.items}


LIVE = {"Overdue open", "Overdue done", "Due today", "In six days", "In seven days", "No date"}


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, LIVE),
        ({"due": "any"}, LIVE),
        ({"due": "overdue"}, {"Overdue open"}),
        ({"due": "today"}, {"Due today"}),
        ({"due": "week"}, {"Due today", "In six days"}),
        ({"due": "none"}, {"No date"}),
        ({"status": "pending"}, {"Overdue open", "In six days", "In seven days", "No date"}),
        (
            {"status": ["pending", "in_progress"]},
            {"Overdue open", "Due today", "In six days", "In seven days", "No date"},
        ),
        ({"status": ["completed"]}, {"Overdue done"}),
        ({"q": "milk"}, {"No date"}),
        ({"q": "MILK"}, {"No date"}),
        ({"q": "  Milk  "}, {"No date"}),
        ({"q": "OVERDUE"}, {"Overdue open", "Overdue done"}),
        ({"q": "overdue", "status": "completed"}, {"Overdue done"}),
        ({"status": "pending", "due": "week"}, {"In six days"}),
        ({"status": "completed", "due": "overdue"}, set()),
        ({"q": "days", "due": "none"}, set()),
    ],
)
def test_filters_and_their_combinations(sample, filters, expected):
    assert titles(crud.list_tasks(sample, **filters)) == expected


@pytest.mark.parametrize("due", ["overdue", "today", "week"])
def test_tasks_without_a_due_date_never_match_a_date_filter(sample, due):
    assert "No date" not in titles(crud.list_tasks(sample, due=due))


@pytest.mark.parametrize(
    "filters", [{"status": "finished"}, {"due": "tomorrow"}, {"sort": "colour"}, {"sort": "--due"}]
)
def test_unknown_filter_values_are_refused(sample, filters):
    with pytest.raises(crud.InvalidFilter):
        crud.list_tasks(sample, **filters)


def test_search_is_case_insensitive_for_wildcards_too(owner):
    crud.create_task(owner, "50% OFF_SALE")
    crud.create_task(owner, "500 offsale")
    assert titles(crud.list_tasks(owner, q="50% off_")) == {"50% OFF_SALE"}


@pytest.fixture
def dated(owner):
    """Ties and empty due dates, created in this order (ids ascending)."""
    for title, due in [("b", TODAY), ("A", None), ("c", TODAY - DAY), ("D", TODAY), ("e", None), ("F", TODAY + DAY)]:
        crud.create_task(owner, title, due_date=due, status="completed" if title in "DF" else "pending")
    return owner


def ordered(owner, sort, per_page=100) -> list[str]:
    return [task.title for task in crud.list_tasks(owner, sort=sort, per_page=per_page).items]


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("due", ["c", "b", "D", "F", "A", "e"]),
        ("-due", ["F", "D", "b", "c", "e", "A"]),
        ("title", ["A", "b", "c", "D", "e", "F"]),
        ("-title", ["F", "e", "D", "c", "b", "A"]),
        ("created", ["b", "A", "c", "D", "e", "F"]),
        ("-created", ["F", "e", "D", "c", "A", "b"]),
        ("updated", ["b", "A", "c", "D", "e", "F"]),
        ("status", ["b", "A", "c", "e", "D", "F"]),
        ("-status", ["F", "D", "e", "c", "A", "b"]),
    ],
)
def test_sorting_breaks_ties_by_id_and_puts_tasks_without_a_date_last_both_ways(dated, sort, expected):
    assert ordered(dated, sort) == expected


EVERY_SORT = [direction + key for key in SORT_COLUMNS for direction in ("", "-")]


@pytest.mark.parametrize("sort", EVERY_SORT)
@pytest.mark.parametrize("per_page, sizes", [(2, [2, 2, 2]), (4, [4, 2])])
def test_pages_follow_each_other_without_gaps_or_repeats(dated, sort, per_page, sizes):
    pages = [crud.list_tasks(dated, sort=sort, page=number, per_page=per_page) for number in (1, 2, 3)][: len(sizes)]
    assert [len(page.items) for page in pages] == sizes
    assert [task.title for page in pages for task in page.items] == ordered(dated, sort)


@pytest.mark.parametrize("sort", EVERY_SORT)
def test_a_filtered_list_pages_through_the_matching_tasks_in_order(dated, sort):
    matching = [title for title in ordered(dated, sort) if title not in "DF"]  # D and F are completed
    pages = [crud.list_tasks(dated, status="pending", sort=sort, page=number, per_page=3) for number in (1, 2)]
    assert [task.title for page in pages for task in page.items] == matching


@pytest.mark.parametrize("sort, newest_first", [("created", False), ("-created", True)])
def test_tasks_created_in_the_same_instant_page_in_id_order(owner, sort, newest_first):
    ids = [crud.create_task(owner, f"Same moment {n}").id for n in range(5)]
    db.session.execute(update(Task).values(created_at=datetime(2026, 1, 1, 12, 0)))
    db.session.commit()
    pages = [crud.list_tasks(owner, sort=sort, page=number, per_page=2) for number in (1, 2, 3)]
    assert [task.id for page in pages for task in page.items] == sorted(ids, reverse=newest_first)


def test_the_last_page_holds_the_oldest_tasks(dated):
    last = crud.list_tasks(dated, page=2, per_page=4)
    assert (last.page, last.pages, [task.title for task in last.items]) == (2, 2, ["A", "b"])


@pytest.mark.parametrize("page, shown", [(0, 1), (-5, 1), (2, 2), (3, 3), (4, 3), (10_000, 3)])
def test_a_page_out_of_range_gives_the_nearest_real_page(dated, page, shown):
    result = crud.list_tasks(dated, page=page, per_page=2)
    assert (result.page, result.pages, result.total, len(result.items)) == (shown, 3, 6, 2)


def test_an_empty_list_is_page_one_of_nothing(owner):
    result = crud.list_tasks(owner, page=7)
    assert (result.page, result.pages, result.total, result.items) == (1, 0, 0, [])


def test_counts_per_status_overdue_and_trash_leave_the_trash_out(sample):
    counts = crud.count_tasks(sample)
    assert counts.by_status == {TaskStatus.PENDING: 4, TaskStatus.IN_PROGRESS: 1, TaskStatus.COMPLETED: 1}
    assert (counts.overdue, counts.in_trash, counts.total) == (1, 1, 6)


def test_a_task_in_progress_past_its_due_date_is_overdue_too(sample):
    crud.create_task(sample, "Late and started", status="in_progress", due_date=TODAY - 2 * DAY)
    assert crud.count_tasks(sample).overdue == 2


@pytest.mark.parametrize("filters", [{}, {"status": "pending"}, {"q": "milk"}, {"due": "overdue"}])
def test_a_list_given_the_counts_shows_the_same_page_as_one_that_counts_itself(sample, filters):
    counted_here = crud.list_tasks(sample, **filters, per_page=2)
    given_counts = crud.list_tasks(sample, **filters, per_page=2, counts=crud.count_tasks(sample))
    assert (given_counts.total, given_counts.pages, given_counts.items) == (
        counted_here.total,
        counted_here.pages,
        counted_here.items,
    )


def test_trashed_tasks_are_left_out_of_lists_searches_exports_and_single_task_reads(sample):
    trashed = crud.list_trash(sample).items[0]
    assert "Trashed overdue milk" not in titles(crud.list_tasks(sample, q="milk", due="overdue"))
    assert "Trashed overdue milk" not in {task.title for task in crud.export_tasks(sample)}
    for read in (crud.get_task, crud.complete_task, crud.delete_task):
        with pytest.raises(crud.NotFound):
            read(sample, trashed.id)
    with pytest.raises(crud.NotFound):
        crud.update_task(sample, crud.get_task(sample, trashed.id), {"title": "Back"}, trashed.version)


def test_restore_brings_a_task_back_and_delete_forever_only_takes_trashed_tasks(sample):
    trashed = crud.list_trash(sample).items[0].id
    live = crud.list_tasks(sample, q="No date").items[0].id
    assert crud.delete_forever(sample, [live]) == 0
    assert crud.restore_tasks(sample, [trashed, live]) == 1
    assert crud.get_task(sample, trashed).title == "Trashed overdue milk"
    assert crud.trash_tasks(sample, [trashed, trashed, 999_999]) == [trashed]
    assert crud.delete_forever(sample, [trashed]) == 1
    assert crud.list_trash(sample).total == 0


def test_bulk_changes_touch_only_the_owners_live_tasks(sample):
    other = crud.create_user("other@example.com", "a long enough password")
    theirs = crud.create_task(other, "Not yours")
    mine = [task.id for task in crud.list_tasks(sample, status="pending").items]
    trashed = crud.list_trash(sample).items[0].id
    assert crud.set_status_of_tasks(sample, [*mine, theirs.id, trashed], "completed") == len(mine)
    assert crud.get_task(other, theirs.id).status is TaskStatus.PENDING
    assert crud.list_trash(sample).items[0].status is TaskStatus.PENDING
    assert crud.trash_tasks(sample, [theirs.id]) == []
    assert crud.get_task(other, theirs.id).deleted_at is None


def test_bulk_status_changes_keep_completion_times_right_and_move_versions_on(owner):
    task = crud.create_task(owner, "Report")
    crud.set_status_of_tasks(owner, [task.id], TaskStatus.COMPLETED)
    done = crud.get_task(owner, task.id)
    assert done.completed_at is not None and done.version == 2
    assert crud.set_status_of_tasks(owner, [task.id], TaskStatus.COMPLETED) == 0
    crud.set_status_of_tasks(owner, [task.id], TaskStatus.IN_PROGRESS)
    reopened = crud.get_task(owner, task.id)
    assert reopened.completed_at is None and reopened.version == 3
    with pytest.raises(crud.StaleEdit):
        crud.update_task(owner, reopened, {"title": "From an old tab"}, expected_version=1)
