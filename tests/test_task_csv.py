"""CSV export of exactly the filtered list, and all-or-nothing import with an error per line."""

import csv
import io
from datetime import timedelta

import pytest
from factories import new_task
from helpers import TODAY, listed_titles

from webapp.tasks.csv_format import COLUMNS, IMPORT_MAX_ROWS, escape_cell, unescape_cell

pytestmark = pytest.mark.usefixtures("today")

HEADER = ",".join(COLUMNS)


def exported(client, query="") -> list[dict]:
    response = client.get(f"/tasks/export.csv{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and response.mimetype_params["charset"] == "utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="tasks-{TODAY.isoformat()}.csv"'
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"), newline="")))


def upload(client, text: str | bytes, name="tasks.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post("/tasks/import", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.fixture
def listed(alice_client):
    ids = []
    for number in range(30):
        status = ["pending", "in_progress", "completed"][number % 3]
        due = (TODAY + timedelta(days=number % 5 - 2)).isoformat() if number % 4 else ""
        ids.append(new_task(alice_client, f"Task {number:02}", status, due, description=f"about {number}"))
    alice_client.post(f"/tasks/{ids[0]}/delete")
    return alice_client


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?sort=title",
        "?status=pending&status=completed&sort=-due",
        "?due=week&q=task+1",
        "?due=none&sort=status",
        "?due=overdue",
        "?q=nothing-matches",
    ],
)
def test_export_holds_exactly_the_filtered_list_in_its_order_across_all_pages(listed, query):
    shown = []
    for page in range(1, 5):
        separator = "&" if query else "?"
        shown += listed_titles(listed.get(f"/tasks/{query}{separator}per_page=10&page={page}").text)
        if len(shown) % 10:
            break
    shown = list(dict.fromkeys(shown))  # the last page repeats once the pages run out
    assert [row["title"] for row in exported(listed, query)] == shown
    assert "Task 00" not in shown  # in the trash


def test_export_has_a_header_iso_dates_and_status_values(alice_client):
    new_task(alice_client, "Réunion à Zürich", "in_progress", "2030-07-01", "Café ☕")
    response = alice_client.get("/tasks/export.csv")
    assert response.data.decode("utf-8").startswith(HEADER + "\r\n")
    (row,) = exported(alice_client)
    assert (row["title"], row["description"], row["status"], row["due_date"]) == (
        "Réunion à Zürich",
        "Café ☕",
        "in_progress",
        "2030-07-01",
    )
    assert row["created_at"][:10] == row["updated_at"][:10] and row["created_at"][10] == "T"
    assert row["completed_at"] == ""


@pytest.mark.parametrize(
    "value, written",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("'=already quoted", "''=already quoted"),
        ("plain = fine", "plain = fine"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_escaped_and_read_back_unchanged(value, written):
    assert escape_cell(value) == written
    assert unescape_cell(written) == value


def test_export_escapes_formulas_in_title_and_description(alice_client):
    new_task(alice_client, "=1+1", description="-minus")
    (row,) = exported(alice_client)
    assert (row["title"], row["description"]) == ("'=1+1", "'-minus")


def test_an_export_imports_back_as_the_same_tasks(alice_client, bob_client):
    new_task(alice_client, "=cmd|' /C calc'!A0", "completed", "2030-01-02", 'line one\nline two, with "quotes"')
    new_task(alice_client, "Plain", "pending")
    text = alice_client.get("/tasks/export.csv?sort=title").data.decode("utf-8")
    response = upload(bob_client, text)
    assert response.status_code == 302 and "Imported 2 tasks." in bob_client.get("/tasks/").text
    keep = ("title", "description", "status", "due_date")
    assert [{k: row[k] for k in keep} for row in exported(bob_client, "?sort=title")] == [
        {k: row[k] for k in keep} for row in exported(alice_client, "?sort=title")
    ]


def test_import_accepts_a_minimal_file_with_a_byte_order_mark(alice_client):
    response = upload(alice_client, "\ufefftitle,due_date\nFirst,2030-01-01\nSecond,\n")
    assert response.status_code == 302
    assert listed_titles(alice_client.get("/tasks/?sort=title").text) == ["First", "Second"]


@pytest.mark.parametrize(
    "text, problems",
    [
        (
            "title,status,due_date\nGood,pending,2030-01-01\n,pending,\nAlso good,finished,\nBad date,,2030-02-30\n",
            [
                "Line 3: Title: This field is required.",
                "Line 4: Status: Not a valid choice.",
                "Line 5: Due date: Not a valid date value.",
            ],
        ),
        (
            'title,description\n"two\nlines",ok\n' + "x" * 201 + ",\n",
            ["Line 4: Title: Field cannot be longer than 200 characters."],
        ),
        ("title\nOne\nTwo,extra\n", ["Line 3: more cells than the header has columns."]),
        (
            "title,colour\nOne,red\n",
            ["Line 1: unknown column(s) 'colour'; the columns are " + ", ".join(COLUMNS) + "."],
        ),
        ("description\nNo title column\n", ["Line 1: the header needs a title column."]),
        ("title,title\nA,B\n", ["Line 1: a column appears twice."]),
        ("title\n", ["The file has a header but no tasks."]),
        ("", ["The file is empty: it needs a header row such as " + HEADER + "."]),
        ("title\nA\nB\0\n", ["Line 3: the file contains a NUL character."]),
    ],
)
def test_import_reports_every_problem_by_line_and_imports_nothing(alice_client, text, problems):
    response = upload(alice_client, text)
    assert response.status_code == 422
    assert "Nothing was imported." in response.text
    reported = response.text.split('<ul class="mb-0 import-problems">')[1].split("</ul>")[0]
    assert reported == "".join(f"<li>{problem}</li>" for problem in problems).replace("'", "&#39;").replace(
        '"', "&#34;"
    )
    assert "You have no tasks yet." in alice_client.get("/tasks/").text


ROW = ",{title},,pending,,,,\n"
UNCLOSED_QUOTE = ',"bad quote,x,pending,,,,\n'


@pytest.mark.parametrize(
    "rows_after",
    [
        pytest.param(ROW.format(title="three") + ROW.format(title="four"), id="the quote runs to the end of the file"),
        pytest.param(ROW.format(title="three") + ROW.format(title='"four"'), id="a later quoted cell"),
        pytest.param(ROW.format(title="three") + ',four,"a ""quoted"" word",pending,,,,\n', id="a later doubled quote"),
    ],
)
def test_an_unclosed_quote_is_refused_naming_its_line_and_nothing_is_imported(alice_client, rows_after):
    text = HEADER + "\n" + ROW.format(title="one") + UNCLOSED_QUOTE + rows_after

    response = upload(alice_client, text)

    assert response.status_code == 422
    assert "Line 3: the CSV is malformed from here on" in response.text
    assert "You have no tasks yet." in alice_client.get("/tasks/").text


def test_a_cell_over_the_csv_field_limit_is_reported_on_its_own_line(alice_client):
    text = "title,description\nA,x\nB," + "y" * (csv.field_size_limit() + 1) + "\nC,z\n"

    response = upload(alice_client, text)

    assert response.status_code == 422
    assert "Line 3: the CSV is malformed from here on (field larger than field limit" in response.text


def test_import_refuses_a_file_that_is_not_utf8(alice_client):
    response = upload(alice_client, "title\nCaf\xe9\n".encode("latin-1"))
    assert response.status_code == 422 and "The file is not UTF-8 text (byte 10)." in response.text


def test_import_needs_a_file(alice_client):
    response = alice_client.post("/tasks/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Choose a CSV file to import." in response.text


def test_import_refuses_more_rows_than_the_limit(alice_client):
    response = upload(alice_client, "title\n" + "t\n" * (IMPORT_MAX_ROWS + 1))
    assert response.status_code == 422 and f"more than {IMPORT_MAX_ROWS} tasks" in response.text
    assert "You have no tasks yet." in alice_client.get("/tasks/").text


def test_import_of_a_file_over_the_size_limit_gets_413(alice_client):
    response = upload(alice_client, "title\n" + ("x" * 99 + "\n") * 11_000)
    assert response.status_code == 413
    assert "You have no tasks yet." in alice_client.get("/tasks/").text


def test_the_import_page_explains_the_format(alice_client):
    page = alice_client.get("/tasks/import").text
    assert 'enctype="multipart/form-data"' in page and "CSV file" in page and HEADER in page
