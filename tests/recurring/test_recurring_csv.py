"""Repeat rules through the CSV export and import."""

import csv
import io

import pytest
from factories import post_task, repeat


def exported_rows(client) -> list[dict]:
    text = client.get("/tasks/export.csv?sort=title").data.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def upload(client, text: str):
    data = {"file": (io.BytesIO(text.encode("utf-8")), "tasks.csv")}
    return client.post("/tasks/import", data=data, content_type="multipart/form-data")


def test_the_csv_export_carries_the_rule_and_imports_back(alice_client, bob_client):
    post_task(alice_client, title="A weekly", due_date="2030-06-10", **repeat("WEEKLY", weekdays=["0", "3"]))
    post_task(
        alice_client, title="B from completion", due_date="2030-06-10", **repeat("DAILY", counts_from="completion")
    )
    post_task(alice_client, title="C once", due_date="2030-06-10")
    rows = exported_rows(alice_client)
    assert [(row["recurrence"], row["repeat_from"]) for row in rows] == [
        ("FREQ=WEEKLY;BYDAY=MO,TH", "due_date"),
        ("FREQ=DAILY", "completion"),
        ("", ""),
    ]
    text = alice_client.get("/tasks/export.csv?sort=title").data.decode("utf-8")
    assert upload(bob_client, text).status_code == 302
    keep = ("title", "recurrence", "repeat_from")
    assert [{k: row[k] for k in keep} for row in exported_rows(bob_client)] == [
        {k: row[k] for k in keep} for row in rows
    ]


@pytest.mark.parametrize(
    "line, problem",
    [
        ("Never,2030-06-10,FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30,", "Line 2: Recurrence: February has no day 30"),
        ("Undated,,FREQ=DAILY,", "Line 2: Recurrence: A repeating task needs a due date."),
        ("Odd,2030-06-10,FREQ=DAILY,sometimes", "Line 2: Repeat from: use one of due_date, completion."),
    ],
)
def test_the_csv_import_refuses_a_rule_that_cannot_repeat_naming_its_line(alice_client, line, problem):
    response = upload(alice_client, f"title,due_date,recurrence,repeat_from\n{line}\n")
    assert response.status_code == 422
    assert problem in response.text
    assert "You have no tasks yet." in alice_client.get("/tasks/").text
