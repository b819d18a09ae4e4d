"""Each task's history: who changed what and when, written with every change, shown newest first, never editable.

The household's list (see conftest) is shared: Olivia owns it, Eddie edits, Vera views, Oscar is no member.
"""

import io
from datetime import date

import pytest
from factories import new_api_token
from helpers import PASSWORD, TODAY
from sqlalchemy import event, select

from webapp import crud
from webapp.extensions import db
from webapp.models import EventKind, Task, TaskEvent, TaskStatus, User


def person(household, role: str) -> User:
    return db.session.get(User, household.people[role].id)


def events_of(task_id: int) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    """The task's events, oldest first: kind, actor's email, field, old and new value."""
    rows = db.session.scalars(select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id))
    return [
        (
            row.kind.value,
            db.session.get(User, row.actor_id).email if row.actor_id else None,
            row.field,
            row.old_value,
            row.new_value,
        )
        for row in rows
    ]


def last_event(task_id: int):
    return events_of(task_id)[-1]


EDDIE = "eddie@example.com"


def test_creating_a_task_records_who_created_it(app, household):
    with app.app_context():
        assert events_of(household.task) == [("created", "olivia@example.com", None, None, None)]


@pytest.mark.parametrize(
    "changes, field, old, new, kind",
    [
        ({"title": "Water the ferns"}, "title", "Water the plants", "Water the ferns", "changed"),
        ({"description": "Twice a week"}, "description", None, "Twice a week", "changed"),
        ({"status": TaskStatus.IN_PROGRESS}, "status", "pending", "in_progress", "changed"),
        ({"status": TaskStatus.COMPLETED}, "status", "pending", "completed", "completed"),
        ({"due_date": date(2026, 12, 3)}, "due_date", None, "2026-12-03", "changed"),
        ({"priority": 3}, "priority", "0", "3", "changed"),
    ],
)
def test_an_edit_records_each_changed_field_with_its_old_and_new_value(app, household, changes, field, old, new, kind):
    with app.app_context():
        eddie = person(household, "editor")
        task = crud.get_task(eddie, household.task)
        crud.update_task(eddie, task, {"title": "Water the plants", **changes}, expected_version=1)
        assert events_of(household.task)[1:] == [(kind, EDDIE, field, old, new)]


def test_an_edit_of_several_fields_records_one_event_each_and_none_for_what_stayed(app, household):
    with app.app_context():
        eddie = person(household, "editor")
        label = crud.create_label(eddie, "Garden")
        task = crud.get_task(eddie, household.task)
        inbox = crud.get_inbox(eddie)
        changes = {"due_date": TODAY, "recurrence": "FREQ=WEEKLY", "label_ids": [label.id], "list_id": inbox.id}
        crud.update_task(eddie, task, {"title": "Water the plants", **changes}, expected_version=1)
        assert sorted(events_of(household.task)[1:]) == sorted(
            [
                ("changed", EDDIE, "due_date", None, TODAY.isoformat()),
                ("changed", EDDIE, "recurrence", None, "FREQ=WEEKLY"),
                ("changed", EDDIE, "labels", None, "Garden"),
                ("moved", EDDIE, "list", "Household", "Inbox"),
            ]
        )


def test_reopening_a_completed_task_is_recorded_as_such(app, household):
    with app.app_context():
        eddie = person(household, "editor")
        crud.complete_task(eddie, household.task)
        crud.update_task(eddie, crud.get_task(eddie, household.task), {"status": "pending"}, expected_version=2)
        assert events_of(household.task)[1:] == [
            ("completed", EDDIE, "status", "pending", "completed"),
            ("reopened", EDDIE, "status", "completed", "pending"),
        ]


def test_completing_a_repeating_task_records_the_next_occurrence_created_by_the_same_person(app, household):
    with app.app_context():
        olivia, eddie = person(household, "owner"), person(household, "editor")
        task = crud.create_task(olivia, "Bins", list_id=household.list, due_date=TODAY, recurrence="FREQ=WEEKLY")
        crud.complete_task(eddie, task.id)
        following = db.session.scalar(select(Task.id).where(Task.follows_id == task.id))
        assert events_of(following) == [("created", EDDIE, None, None, None)]


@pytest.mark.parametrize(
    "action, data, kind, field, old, new",
    [
        ("complete", {}, "completed", "status", "pending", "completed"),
        ("set_status", {"status": "in_progress"}, "changed", "status", "pending", "in_progress"),
        ("set_priority", {"priority": 4}, "changed", "priority", "0", "4"),
        ("delete", {}, "deleted", None, None, None),
        ("move", {"list_id": "inbox"}, "moved", "list", "Household", "Inbox"),
        ("add_label", {"label_id": "label"}, "labelled", None, None, "Garden"),
    ],
)
def test_a_bulk_action_records_one_event_per_changed_task_in_one_insert(
    app, household, client_of, action, data, kind, field, old, new
):
    with app.app_context():
        eddie = person(household, "editor")
        ids = [household.task] + [crud.create_task(eddie, f"Chore {n}", list_id=household.list).id for n in range(3)]
        values = {"inbox": crud.get_inbox(eddie).id, "label": crud.create_label(eddie, "Garden").id}
        engine = db.engine
    inserts = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO task_events"):
            inserts.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        sent = {name: values.get(value, value) for name, value in data.items()}
        response = client_of("editor").post("/tasks/bulk", data={"ids": ids, "action": action, **sent})
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 302
    assert len(inserts) == 1
    with app.app_context():
        assert [last_event(task_id) for task_id in ids] == [(kind, EDDIE, field, old, new)] * 4


def test_removing_a_label_in_bulk_and_restoring_from_the_trash_are_recorded(app, household):
    with app.app_context():
        eddie = person(household, "editor")
        label = crud.create_label(eddie, "Garden")
        crud.add_label_to_tasks(eddie, [household.task], label.id)
        crud.remove_label_from_tasks(eddie, [household.task], label.id)
        crud.restore_tasks(eddie, [household.trashed])
        assert events_of(household.task)[-1] == ("unlabelled", EDDIE, None, "Garden", None)
        assert [kind for kind, *_ in events_of(household.trashed)] == ["created", "deleted", "restored"]


def test_a_task_made_by_quick_add_import_the_api_or_the_board_is_recorded(app, household, client_of):
    editor = client_of("editor")
    editor.post(f"/lists/{household.list}/quick-add", data={"text": "Quick chore"})
    upload = io.BytesIO(b"title,list\nImported chore,Household\n")
    editor.post("/tasks/import", data={"file": (upload, "t.csv")}, content_type="multipart/form-data")
    token = new_api_token(app, household.people["editor"])
    editor.post(
        "/api/v1/tasks/",
        json={"title": "API chore", "list_id": household.list},
        headers={"Authorization": f"Bearer {token}"},
    )
    editor.post(
        f"/lists/{household.list}/board/move", data={"task_id": household.task, "version": 1, "status": "completed"}
    )
    with app.app_context():
        for title in ("Quick chore", "Imported chore", "API chore"):
            made = db.session.scalar(select(Task.id).where(Task.title == title))
            assert events_of(made) == [("created", EDDIE, None, None, None)]
        assert last_event(household.task) == ("completed", EDDIE, "status", "pending", "completed")


def test_a_stale_edit_refused_with_409_records_nothing(app, household, client_of):
    owner, editor = client_of("owner"), client_of("editor")
    form = {"title": "Water the ferns", "status": "pending", "version": 1}
    assert owner.post(f"/tasks/{household.task}/edit", data=form).status_code == 302
    response = editor.post(f"/tasks/{household.task}/edit", data={**form, "title": "Water the roses", "priority": 4})
    assert response.status_code == 409
    with app.app_context():
        assert [who for _kind, who, *_ in events_of(household.task)] == ["olivia@example.com"] * 2


def test_a_viewer_reads_the_history_on_the_task_page_newest_first_in_their_language(app, household, client_of):
    with app.app_context():
        eddie = person(household, "editor")
        crud.update_task(eddie, crud.get_task(eddie, household.task), {"due_date": date(2026, 12, 1)}, 1)
        crud.update_task(eddie, crud.get_task(eddie, household.task), {"due_date": date(2026, 12, 3)}, 2)
        crud.set_status_of_tasks(eddie, [household.task], TaskStatus.IN_PROGRESS)
    vera = client_of("viewer")
    page = vera.get(f"/tasks/{household.task}").text
    history = page[page.index('id="history"') : page.index("</section>", page.index('id="history"'))]
    assert "eddie@example.com changed the due date from Dec 1, 2026 to Dec 3, 2026" in history
    assert history.index("changed the status from Pending to In progress") < history.index("Dec 3, 2026")
    assert history.index("changed the due date from none to Dec 1, 2026") < history.index("olivia@example.com created")
    assert "<form" not in history  # nothing in it can be changed
    with app.app_context():
        crud.set_locale(person(household, "viewer"), "de")
    german = vera.get(f"/tasks/{household.task}").text
    assert "eddie@example.com hat den Status von Offen in In Arbeit geändert" in german[german.index('id="history"') :]


def test_an_event_of_a_deleted_account_stays_and_says_so(app, household, client_of):
    with app.app_context():
        eddie = person(household, "editor")
        crud.update_task(eddie, crud.get_task(eddie, household.task), {"title": "Water the ferns"}, 1)
        crud.delete_account(eddie, PASSWORD)
    page = client_of("owner").get(f"/tasks/{household.task}").text
    assert "a deleted account changed the title from “Water the plants” to “Water the ferns”" in page


def test_the_task_page_shows_the_newest_twenty_and_links_to_the_older_ones(app, household, client_of):
    with app.app_context():
        olivia = person(household, "owner")
        for version in range(1, 26):
            crud.update_task(olivia, crud.get_task(olivia, household.task), {"title": f"Title {version}"}, version)
    owner = client_of("owner")
    page = owner.get(f"/tasks/{household.task}").text
    assert page.count("changed the title") == 20 and "to “Title 25”" in page and "to “Title 5”" not in page
    assert f'href="/tasks/{household.task}/history?page=2"' in page
    older = owner.get(f"/tasks/{household.task}/history?page=2").text
    assert older.count("changed the title") == 5 and "to “Title 5”" in older and "created the task" in older


@pytest.mark.parametrize("path", ["/tasks/{task}/history", "/tasks/{trashed}/history"])
def test_an_outsider_and_a_trashed_task_have_no_history_page(household, client_of, path):
    assert client_of("outsider").get(path.format(**vars(household))).status_code == 404


def test_the_api_gives_the_history_a_page_at_a_time_and_404_to_an_outsider(app, household, client_of):
    with app.app_context():
        olivia = person(household, "owner")
        for version in range(1, 4):
            crud.update_task(olivia, crud.get_task(olivia, household.task), {"priority": version}, version)
    tokens = {role: new_api_token(app, household.people[role]) for role in ("viewer", "outsider")}
    path = f"/api/v1/tasks/{household.task}/history?per_page=2&page=2"
    answer = client_of("viewer").get(path, headers={"Authorization": f"Bearer {tokens['viewer']}"})
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["total"] == 4
    assert [(e["kind"], e["field"], e["old_value"], e["new_value"]) for e in body["items"]] == [
        ("changed", "priority", "0", "1"),
        ("created", None, None, None),
    ]
    assert body["items"][1]["actor"]["email"] == "olivia@example.com" and body["items"][1]["created_at"].endswith("Z")
    outsider = client_of("outsider").get(path, headers={"Authorization": f"Bearer {tokens['outsider']}"})
    assert outsider.status_code == 404


def test_deleting_a_task_for_good_deletes_its_history(app, household):
    with app.app_context():
        crud.delete_forever(person(household, "owner"), [household.trashed])
        assert events_of(household.trashed) == []


def test_every_kind_of_event_has_a_sentence(app, household, client_of):
    """The task page can say every event there is, assignments included."""
    with app.app_context():
        task = db.session.get(Task, household.task)
        for kind in EventKind:
            crud.history.record(task, person(household, "owner"), kind, "title", "a", "b")
        db.session.commit()
    page = client_of("owner").get(f"/tasks/{household.task}").text
    assert "olivia@example.com assigned the task to b" in page and "olivia@example.com unassigned a" in page


def test_deleting_a_list_records_each_live_task_moved_to_the_inbox_and_to_the_trash(app, household):
    with app.app_context():
        crud.delete_list(person(household, "owner"), household.list)
        assert events_of(household.task)[1:] == [
            ("moved", "olivia@example.com", "list", "Household", "Inbox"),
            ("deleted", "olivia@example.com", None, None, None),
        ]
        assert [kind for kind, *_ in events_of(household.trashed)] == ["created", "deleted"]
