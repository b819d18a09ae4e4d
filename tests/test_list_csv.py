"""CSV carries each task's list, labels and priority; an import creates the lists and labels it names."""

import pytest
from test_task_csv import exported, upload

from webapp import crud
from webapp.models import Priority

pytestmark = pytest.mark.usefixtures("today")


def test_an_export_names_each_tasks_list_labels_and_priority(alice_client):
    with alice_client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        trip = crud.create_list(owner, "Trip").id
        labels = [crud.create_label(owner, name, "blue").id for name in ("travel", "=formula")]
        crud.create_task(owner, "Pack", list_id=trip, label_ids=labels, priority=Priority.URGENT)
        crud.create_task(owner, "Plain")
    rows = {row["title"]: row for row in exported(alice_client, "?sort=title")}
    assert (rows["Pack"]["list"], rows["Pack"]["labels"], rows["Pack"]["priority"]) == (
        "Trip",
        "'=formula;travel",
        "urgent",
    )
    assert (rows["Plain"]["list"], rows["Plain"]["labels"], rows["Plain"]["priority"]) == ("Inbox", "", "none")
    only_trip = exported(alice_client, f"?list={trip}")
    assert [row["title"] for row in only_trip] == ["Pack"]


def test_an_import_creates_missing_lists_and_labels_and_says_which(alice_client):
    with alice_client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        crud.create_list(owner, "Trip")
        crud.create_label(owner, "travel", "green")
    response = upload(
        alice_client,
        ("title,list,labels,priority\r\nPack,trip,Travel; packing,High\r\nPaint,Home,packing;diy,\r\nRead,,,low\r\n"),
    )
    page = alice_client.get(response.headers["Location"]).text
    assert "Imported 3 tasks. New lists: Home. New labels: packing, diy." in page
    with alice_client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        tasks = {task.title: task for task in crud.export_tasks(owner)}
        assert tasks["Pack"].task_list.name == "Trip" and tasks["Pack"].priority is Priority.HIGH
        assert [label.name for label in tasks["Pack"].labels] == ["packing", "travel"]
        assert tasks["Paint"].task_list.name == "Home" and tasks["Read"].task_list.name == "Inbox"


def test_an_import_with_a_bad_priority_or_too_long_a_list_imports_nothing(alice_client):
    response = upload(
        alice_client, (f"title,list,priority\r\nFine,New list,high\r\nBad,,soon\r\nLong,{'x' * 101},\r\n")
    )
    assert response.status_code == 422
    assert "Line 3: Priority: use one of none, low, medium, high, urgent." in response.text
    assert "Line 4: List: a list name has at most 100 characters." in response.text
    with alice_client.application.app_context():
        owner = crud.get_user_by_email("alice@example.com")
        assert [task_list.name for task_list in crud.list_lists(owner)] == ["Inbox"]
        assert crud.list_tasks(owner).total == 0
