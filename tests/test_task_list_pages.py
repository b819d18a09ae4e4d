"""The task list page: bookmarkable filters, sortable columns, counts, bulk actions, trash and undo."""

import re
from datetime import timedelta

import pytest
from factories import new_task
from helpers import TODAY, listed_titles, make_app, query_of
from sqlalchemy import event

from webapp import crud
from webapp.crud.task_query import SORT_COLUMNS
from webapp.extensions import db
from webapp.models import Task, utcnow

pytestmark = pytest.mark.usefixtures("today")

EVERY_SORT = [direction + key for key in SORT_COLUMNS for direction in ("", "-")]


@pytest.fixture
def tasks(alice_client):
    return {
        title: new_task(alice_client, title, status, due)
        for title, status, due in [
            ("Pay rent", "pending", TODAY - timedelta(days=2)),
            ("Water plants", "pending", TODAY),
            ("Call plumber", "in_progress", TODAY + timedelta(days=3)),
            ("Read book", "completed", None),
            ("Plan trip", "pending", None),
        ]
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["Plan trip", "Read book", "Call plumber", "Water plants", "Pay rent"]),
        ("?status=pending&status=in_progress&sort=title", ["Call plumber", "Pay rent", "Plan trip", "Water plants"]),
        ("?due=overdue", ["Pay rent"]),
        ("?due=today", ["Water plants"]),
        ("?due=week&sort=-due", ["Call plumber", "Water plants"]),
        ("?due=none&sort=title", ["Plan trip", "Read book"]),
        ("?q=PL&sort=due", ["Water plants", "Call plumber", "Plan trip"]),
        ("?sort=-due", ["Call plumber", "Water plants", "Pay rent", "Plan trip", "Read book"]),
    ],
)
def test_filters_and_sort_are_query_parameters(alice_client, tasks, query, expected):
    assert listed_titles(alice_client.get(f"/tasks/{query}").text) == expected


def test_the_filter_form_shows_the_active_filters_and_links_that_remove_them(alice_client, tasks):
    page = alice_client.get("/tasks/?status=pending&status=completed&due=none&q=pla").text
    ticked = re.findall(r'<input checked [^>]*id="(status-\d)"', page)
    assert [re.search(rf'<label [^>]*for="{box}">([^<]+)</label>', page).group(1) for box in ticked] == [
        "Pending",
        "Completed",
    ]
    assert re.search(r"<option selected [^>]*>No due date</option>", page) and 'value="pla"' in page
    removers = re.findall(r'class="badge rounded-pill text-bg-info[^"]*" href="([^"]+)"', page)
    assert removers == [
        "/tasks/?q=pla&amp;status=completed&amp;due=none",  # without "Pending"
        "/tasks/?q=pla&amp;status=pending&amp;due=none",  # without "Completed"
        "/tasks/?q=pla&amp;status=pending&amp;status=completed",  # without "No due date"
        "/tasks/?status=pending&amp;status=completed&amp;due=none",  # without the search
    ]
    assert ">Clear filters</a>" in page
    assert "Clear filters" not in alice_client.get("/tasks/").text


@pytest.mark.parametrize(
    "query, message",
    [
        ("?status=finished", "Status: &#39;finished&#39; is not a valid choice"),
        ("?due=someday", "Due: Not a valid choice."),
        ("?sort=colour", "Sort by: Not a valid choice."),
        ("?per_page=7", "Per page: Not a valid choice."),
        ("?per_page=lots", "Per page: Invalid Choice: could not coerce."),
    ],
)
def test_an_invalid_filter_is_explained_and_the_list_still_shows(alice_client, tasks, query, message):
    response = alice_client.get(f"/tasks/{query}")
    assert response.status_code == 200 and message in response.text
    assert len(listed_titles(response.text)) == 5


def test_column_headers_sort_both_ways_and_keep_the_filters(alice_client, tasks):
    page = alice_client.get("/tasks/?status=pending&sort=title").text
    assert 'aria-sort="ascending"' in page
    headers = dict(re.findall(r'<a class="sort-link" href="([^"]+)">(\w+)', page))
    assert {label: query_of(href) for href, label in headers.items()} == {
        "Title": {"status": ["pending"], "sort": ["-title"]},
        "Status": {"status": ["pending"], "sort": ["status"]},
        "Priority": {"status": ["pending"], "sort": ["priority"]},
        "Due": {"status": ["pending"], "sort": ["due"]},
        "Created": {"status": ["pending"], "sort": ["created"]},
        "Updated": {"status": ["pending"], "sort": ["updated"]},
    }


def test_sort_links_carry_a_search_with_any_characters_back_unchanged(alice_client):
    search = "rent & bills/2026 #1 ?=%+ “quoted”"
    new_task(alice_client, f"Pay {search}")
    page = alice_client.get("/tasks/", query_string={"q": search, "sort": "title"}).text
    links = re.findall(r'<a class="sort-link" href="([^"]+)">', page)
    assert len(links) == 6
    assert all(query_of(href)["q"] == [search] for href in links)


def test_page_links_keep_filters_and_sort_and_an_out_of_range_page_shows_the_last(alice_client, today):
    with alice_client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        crud.import_tasks(
            owner,
            [{"title": f"Task {n:02}", "description": None, "status": "pending", "due_date": None} for n in range(23)],
        )
    page = alice_client.get("/tasks/?status=pending&sort=title&per_page=10&page=99").text
    assert listed_titles(page) == ["Task 20", "Task 21", "Task 22"]
    assert "23 in all · page 3 of 3" in page
    page_links = [query_of(href) for href in re.findall(r'class="page-link" href="([^"]+)"', page)]
    assert {"status": ["pending"], "sort": ["title"], "per_page": ["10"], "page": ["2"]} in page_links


def test_counts_and_marks_at_a_glance(alice_client, tasks):
    alice_client.post(f"/tasks/{tasks['Plan trip']}/delete")
    page = alice_client.get("/tasks/?status=completed").text
    glance = page.split('aria-label="At a glance"')[1].split("</ul>")[0]
    assert re.findall(r'>(Pending|In progress|Completed|Overdue) <span class="count">(\d+)<', glance) == [
        ("Pending", "2"),
        ("In progress", "1"),
        ("Completed", "1"),
        ("Overdue", "1"),
    ]
    assert 'Trash <span class="badge text-bg-secondary">1</span>' in page
    full = alice_client.get("/tasks/").text
    assert "Jun 10, 2030 (overdue)" in full  # two days before TODAY, written as English writes dates
    assert '<span class="due-today">Jun 12, 2030 (today)</span>' in full


@pytest.fixture
def crowded(alice_client, today):
    """120 tasks, 50 of them in the trash, and 30 items."""
    with alice_client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        crud.import_tasks(
            owner,
            [
                {"title": f"Task {n}", "description": None, "status": "pending", "due_date": TODAY if n % 2 else None}
                for n in range(120)
            ],
        )
        ids = [task.id for task in crud.export_tasks(owner)]
        crud.trash_tasks(owner, ids[:50])
        for n in range(30):
            crud.create_item(owner, f"Box {n}")
    return alice_client


@pytest.mark.parametrize(
    "path",
    [
        "/tasks/?",
        "/tasks/?q=TASK&status=pending&status=in_progress&due=week&sort=-due&",
        "/tasks/?sort=title&page=99&",
        "/tasks/trash?",
        "/items/?q=box&sort=title&",
    ],
)
@pytest.mark.parametrize("per_page", [10, 25, 100])
def test_a_list_page_is_one_statement_for_rows_and_at_most_three_for_counts(crowded, statements, path, per_page):
    statements.clear()
    page = crowded.get(f"{path}per_page={per_page}").text
    shown = len(re.findall(r'<td class="task-title">', page))
    assert 0 < shown <= per_page
    queries = [statement for statement in statements if "FROM users" not in statement]  # the session's user
    counts = [statement for statement in queries if "count(" in statement.lower()]
    # The navigation's lists and the filters' labels, and the labels and assignees of the rows shown: one
    # statement each (the people to filter by are read FROM users, like the session's user).
    lists_and_labels = [statement for statement in queries if re.match(r"SELECT (task_lists|labels)\.", statement)]
    of_rows = [
        statement for statement in queries if re.search(r"FROM task_(labels|assignees) (INNER )?JOIN", statement)
    ]
    assert len(lists_and_labels) <= 2 and len(of_rows) <= 2, queries
    assert len(queries) - len(counts) - len(lists_and_labels) - len(of_rows) == 1, queries
    assert 1 <= len(counts) <= 3, counts


OWNERS_RANGE = re.compile(
    r"SEARCH tasks USING (COVERING )?INDEX \w+ \(owner_id=\?|SEARCH tasks USING INTEGER PRIMARY KEY"
)


@pytest.fixture
def sqlite_plans(app, backend):
    """(statement, plan) for every SELECT the app sends from here on; SQLite only (EXPLAIN QUERY PLAN)."""
    if backend != "sqlite":
        pytest.skip("reads SQLite's query plans")
    with app.app_context():
        engine = db.engine
    plans = []

    def explain(_connection, cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            plan = cursor.connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            plans.append((statement, [detail for *_ids, detail in plan]))

    event.listen(engine, "before_cursor_execute", explain)
    yield plans
    event.remove(engine, "before_cursor_execute", explain)


@pytest.mark.parametrize(
    "path",
    [
        "/tasks/",
        "/tasks/?per_page=10&page=7",
        "/tasks/?q=TASK&status=pending&due=week&sort=-due",
        *[f"/tasks/?sort={sort}&page=2" for sort in EVERY_SORT],
        "/tasks/trash?page=2",
        "/tasks/export.csv",
    ],
)
def test_a_task_list_reads_only_the_users_range_of_an_index_never_the_whole_table(crowded, sqlite_plans, path):
    assert crowded.get(path).status_code == 200
    task_plans = [(statement, plan) for statement, plan in sqlite_plans if "FROM tasks" in statement]
    assert task_plans
    for statement, plan in task_plans:
        reads = [detail for detail in plan if re.match(r"(SCAN|SEARCH) (TABLE )?tasks\b", detail)]
        # A SCAN reads everyone's tasks; so does a SEARCH on an index that does not start with the owner.
        # Rows fetched by primary key are those whose ids came from the owner's range.
        assert reads and all(OWNERS_RANGE.match(detail) for detail in reads), (statement, plan)


def test_bulk_actions_change_the_ticked_tasks_and_return_to_the_same_view(alice_client, tasks):
    back = "/tasks/?status=pending&sort=title"
    response = alice_client.post(
        "/tasks/bulk",
        data={
            "action": "complete",
            "ids": [tasks["Pay rent"], tasks["Water plants"]],
            "next": back,
        },
    )
    assert response.headers["Location"] == back
    assert "2 tasks set to Completed." in alice_client.get(back).text
    assert listed_titles(alice_client.get(back).text) == ["Plan trip"]
    alice_client.post(
        "/tasks/bulk", data={"action": "set_status", "status": "in_progress", "ids": [tasks["Plan trip"]]}
    )
    assert listed_titles(alice_client.get("/tasks/?status=in_progress&sort=title").text) == [
        "Call plumber",
        "Plan trip",
    ]


def test_a_rows_complete_button_completes_that_task_alone_and_returns_to_the_same_view(alice_client, tasks):
    back = "/tasks/?sort=title"
    page = alice_client.get(back).text
    form = re.search(r'<form id="complete-one" method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form.group(2)))
    button = re.search(
        r'<button [^>]*form="complete-one" name="ids" value="(\d+)">'
        r'Complete<span class="visually-hidden"> Pay rent</span>',
        page,
    )
    response = alice_client.post(form.group(1), data={**fields, "ids": button.group(1)})
    assert response.headers["Location"] == back
    page = alice_client.get(back).text
    assert "1 task set to Completed." in page
    pay_rent = button.group(1)
    assert f'id="select-{pay_rent}"' in page and 'Complete<span class="visually-hidden"> Pay rent<' not in page
    assert 'Complete<span class="visually-hidden"> Water plants<' in page


def test_all_on_this_page_acts_on_every_task_shown(alice_client, tasks):
    shown = [tasks["Pay rent"], tasks["Water plants"]]
    alice_client.post("/tasks/bulk", data={"action": "delete", "all_on_page": "y", "page_ids": shown, "ids": []})
    assert listed_titles(alice_client.get("/tasks/?sort=title").text) == ["Call plumber", "Plan trip", "Read book"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"action": "complete"}, "Select at least one task first."),
        ({"action": "complete", "ids": list(range(1, 102))}, "Select at most 100 tasks at a time."),
        ({"action": "explode", "ids": [1]}, "Not a valid choice."),
        ({"action": "complete", "ids": ["one"]}, "could not be coerced"),
    ],
)
def test_a_bulk_action_without_a_valid_choice_explains_and_changes_nothing(alice_client, tasks, data, message):
    response = alice_client.post("/tasks/bulk", data=data, follow_redirects=True)
    assert message in response.text
    assert 'Completed <span class="count">1<' in response.text


def test_bulk_actions_never_touch_someone_elses_tasks(alice_client, bob_client, tasks):
    bobs = new_task(bob_client, "Bob secret")
    page = alice_client.post("/tasks/bulk", data={"action": "delete", "ids": [bobs]}, follow_redirects=True).text
    assert "0 tasks moved to the trash." in page and ">Undo</button>" not in page
    for action in ("complete", "delete"):
        alice_client.post("/tasks/bulk", data={"action": action, "ids": [bobs, tasks["Plan trip"]]})
    page = bob_client.get(f"/tasks/{bobs}").text
    assert "Pending" in page and "Bob secret" in page


def test_delete_moves_to_the_trash_and_the_flash_offers_undo(alice_client, tasks):
    task_id = tasks["Pay rent"]
    page = alice_client.post(f"/tasks/{task_id}/delete", follow_redirects=True).text
    assert "Task “Pay rent” moved to the trash." in page
    undo = re.search(r'<form method="post" action="/tasks/trash/restore".*?</form>', page, re.S).group(0)
    assert f'name="ids" value="{task_id}"' in undo and ">Undo</button>" in undo
    assert "Pay rent" not in listed_titles(page)
    for path in (f"/tasks/{task_id}", f"/tasks/{task_id}/edit", "/tasks/?q=rent", "/tasks/export.csv"):
        response = alice_client.get(path)
        assert response.status_code == 404 or "Pay rent" not in response.text.split("</nav>", 1)[-1], path
    page = alice_client.post(
        "/tasks/trash/restore", data={"ids": [task_id], "next": "/tasks/?sort=title"}, follow_redirects=True
    ).text
    assert "1 task restored." in page and "Pay rent" in listed_titles(page)


def test_the_trash_lists_deleted_tasks_to_restore_or_delete_for_good(alice_client, bob_client, tasks):
    alice_client.post("/tasks/bulk", data={"action": "delete", "ids": [tasks["Pay rent"], tasks["Read book"]]})
    page = alice_client.get("/tasks/trash").text
    assert trashed_titles(page) == ["Read book", "Pay rent"]
    assert 'formaction="/tasks/trash/delete"' in page and '>Restore<span class="visually-hidden"> ' in page
    assert "Pay rent" not in bob_client.get("/tasks/trash").text
    bob_client.post("/tasks/trash/delete", data={"ids": [tasks["Pay rent"]]})
    alice_client.post("/tasks/trash/delete", data={"ids": [tasks["Read book"], tasks["Plan trip"]]})
    assert trashed_titles(alice_client.get("/tasks/trash").text) == ["Pay rent"]
    assert "Plan trip" in listed_titles(alice_client.get("/tasks/").text)
    assert (
        alice_client.post("/tasks/trash/restore", data={"ids": [tasks["Read book"]]}, follow_redirects=True).text.count(
            "0 tasks restored."
        )
        == 1
    )


def trashed_titles(page: str) -> list[str]:
    return re.findall(r'<td class="task-title">([^<]*)</td>', page)


def test_purge_trash_deletes_for_good_what_has_been_in_the_trash_longer_than_the_days_given(app, alice_client, tasks):
    for title in ("Pay rent", "Read book"):
        alice_client.post(f"/tasks/{tasks[title]}/delete")
    with app.app_context():
        db.session.get(Task, tasks["Pay rent"]).deleted_at = utcnow() - timedelta(days=31)
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge-trash", "--days", "30"])
    assert result.exit_code == 0 and "Deleted 1 task(s)" in result.output
    assert trashed_titles(alice_client.get("/tasks/trash").text) == ["Read book"]
    assert app.test_cli_runner().invoke(args=["purge-trash", "--days", "-1"]).exit_code == 2


def test_with_csrf_on_bulk_complete_and_undo_post_the_token_the_page_gave(database_url, app, accounts, alice, today):
    browser = make_app(database_url, WTF_CSRF_ENABLED=True).test_client()
    login_page = browser.get("/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    browser.post("/login", data={"csrf_token": token, "email": alice.email, "password": "correct horse battery"})
    with app.app_context():
        task_id = crud.create_task(crud.get_user_by_email(alice.email), "Guarded").id
    page = browser.get("/tasks/").text
    token = re.search(r'<form id="bulk".*?name="csrf_token" value="([^"]+)"', page, re.S).group(1)
    assert browser.post("/tasks/bulk", data={"action": "delete", "ids": [task_id]}).status_code == 400
    page = browser.post(
        "/tasks/bulk", data={"csrf_token": token, "action": "delete", "ids": [task_id]}, follow_redirects=True
    ).text
    assert "Guarded" not in listed_titles(page)
    undo_token = re.search(
        r'action="/tasks/trash/restore"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"', page
    ).group(1)
    page = browser.post(
        "/tasks/trash/restore",
        data={"csrf_token": undo_token, "ids": [task_id], "next": "/tasks/"},
        follow_redirects=True,
    ).text
    assert "Guarded" in listed_titles(page)


@pytest.mark.parametrize(
    "query, unfolded",
    [
        ("", False),
        ("?q=rent", False),
        ("?sort=title&per_page=50", False),
        ("?status=pending", True),
        ("?due=overdue", True),
        ("?priority=3", True),
        ("?q=rent&due=week", True),
    ],
)
def test_the_filters_beside_the_search_fold_away_unless_one_is_in_use(alice_client, tasks, query, unfolded):
    page = alice_client.get(f"/tasks/{query}").text
    details = re.search(r'<details class="filter-details[^"]*"( open)?>\s*<summary>Filters</summary>', page)
    assert details, "no Filters disclosure"
    assert bool(details.group(1)) is unfolded
    assert page.index('name="q"') < details.start()  # the search stays in sight


def test_a_lists_page_folds_its_filters_too(alice_client, tasks):
    with_filter = alice_client.get(f"/lists/{inbox_id(alice_client)}?status=pending").text
    assert '<details class="filter-details mt-2" open>' in with_filter


def inbox_id(client) -> int:
    return int(re.search(r'href="/lists/(\d+)"', client.get("/lists/").text).group(1))


def test_each_row_names_its_cells_so_a_phone_shows_it_as_a_card(alice_client, tasks):
    page = alice_client.get("/tasks/").text
    row = page.split("<tbody>")[1].split("</tr>")[0]
    cells = re.findall(r'<td class="([\w-]+)', row)
    assert cells == [
        "task-select", "task-title", "task-status", "task-priority", "task-due", "task-created", "task-updated",
        "actions",
    ]  # fmt: skip
