"""The CRUD layer: the rules every front end shares."""

from datetime import date

import pytest
from sqlalchemy import func, select

from webapp import crud
from webapp.extensions import db
from webapp.models import Item, Task, TaskStatus, User

pytestmark = pytest.mark.usefixtures("app_context")


def make_user(email="someone@example.com"):
    return crud.create_user(email, "a long enough password")


def test_the_first_account_is_an_admin_and_later_ones_are_not():
    first = make_user("first@example.com")
    second = make_user("second@example.com")
    assert first.is_admin and not second.is_admin


def test_emails_are_stored_lower_case_and_trimmed():
    assert make_user("  Mixed.Case@Example.COM ").email == "mixed.case@example.com"


@pytest.mark.parametrize("again", ["taken@example.com", "TAKEN@example.com", "Taken@Example.Com"])
def test_an_email_is_registered_once_in_any_letter_case(again):
    make_user("taken@example.com")
    with pytest.raises(crud.EmailTaken, match="Email already registered"):
        make_user(again)
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_passwords_are_stored_as_argon2id_hashes_only():
    user = make_user()
    assert user.password_hash.startswith("$argon2id$v=19$")  # at the configured cost: tests/security/test_passwords.py
    assert "a long enough password" not in user.password_hash


def test_authenticate_accepts_the_right_password_only():
    make_user("me@example.com")
    assert crud.authenticate("ME@example.com", "a long enough password").email == "me@example.com"
    assert crud.authenticate("me@example.com", "a wrong password!!") is None
    assert crud.authenticate("nobody@example.com", "a long enough password") is None


def test_an_inactive_account_cannot_authenticate():
    admin = make_user("admin@example.com")
    user = make_user("me@example.com")
    crud.update_user(user, admin, {"is_active": False})
    assert crud.authenticate("me@example.com", "a long enough password") is None


def test_tasks_belong_to_their_owner_only():
    owner, other = make_user("owner@example.com"), make_user("other@example.com")
    task = crud.create_task(owner, "Mine")
    assert crud.get_task(owner, task.id).title == "Mine"
    with pytest.raises(crud.NotFound):
        crud.get_task(other, task.id)
    with pytest.raises(crud.NotFound):
        crud.delete_task(other, task.id)
    with pytest.raises(crud.NotFound):
        crud.update_task(other, crud.get_task(other, task.id), {"title": "Stolen"}, expected_version=1)
    assert crud.get_task(owner, task.id).title == "Mine"


def test_completing_a_task_records_when_and_reopening_clears_it():
    owner = make_user()
    task = crud.create_task(owner, "Write report", due_date=date(2030, 1, 1))
    assert task.status is TaskStatus.PENDING and task.completed_at is None
    task = crud.complete_task(owner, task.id)
    assert task.status is TaskStatus.COMPLETED and task.completed_at is not None
    task = crud.update_task(owner, task, {"status": TaskStatus.IN_PROGRESS}, task.version)
    assert task.completed_at is None


def test_every_save_moves_the_version_on():
    owner = make_user()
    task = crud.create_task(owner, "Draft")
    assert task.version == 1
    task = crud.update_task(owner, task, {"title": "Second draft"}, expected_version=1)
    assert task.version == 2


def test_a_partial_update_changes_only_the_fields_named():
    owner = make_user()
    task = crud.create_task(owner, "Draft", description="Keep me", due_date=date(2030, 1, 1))
    task = crud.update_task(owner, task, {"status": TaskStatus.COMPLETED}, expected_version=1)
    assert (task.title, task.description, task.due_date) == ("Draft", "Keep me", date(2030, 1, 1))
    assert task.status is TaskStatus.COMPLETED and task.completed_at is not None
    item = crud.update_item(crud.create_item(owner, "Note", "Body"), {"title": "Renamed"})
    assert (item.title, item.description) == ("Renamed", "Body")


def test_a_save_from_an_old_version_is_refused_and_keeps_the_newer_save():
    owner = make_user()
    task = crud.create_task(owner, "Draft")
    crud.update_task(owner, crud.get_task(owner, task.id), {"title": "Saved in tab one"}, expected_version=1)
    with pytest.raises(crud.StaleEdit) as stale:
        crud.update_task(owner, crud.get_task(owner, task.id), {"title": "Saved in tab two"}, expected_version=1)
    assert stale.value.current.title == "Saved in tab one"
    assert crud.get_task(owner, task.id).title == "Saved in tab one"


def test_list_tasks_filters_by_status_and_searches_title_and_description():
    owner = make_user()
    crud.create_task(owner, "Buy milk")
    crud.create_task(owner, "Call Bob", description="about the MILK order", status=TaskStatus.IN_PROGRESS)
    crud.create_task(owner, "Pay rent", status=TaskStatus.COMPLETED)
    titles = lambda page: sorted(task.title for task in page.items)  # noqa: E731
    assert titles(crud.list_tasks(owner, q="milk")) == ["Buy milk", "Call Bob"]
    assert titles(crud.list_tasks(owner, status=TaskStatus.COMPLETED)) == ["Pay rent"]
    assert titles(crud.list_tasks(owner, q="milk", status=TaskStatus.PENDING)) == ["Buy milk"]


def test_search_treats_wildcards_as_plain_text():
    owner = make_user()
    crud.create_task(owner, "100% done")
    crud.create_task(owner, "1000 done")
    assert [t.title for t in crud.list_tasks(owner, q="100%").items] == ["100% done"]


def test_a_page_past_the_end_shows_the_last_page():
    owner = make_user()
    for number in range(5):
        crud.create_task(owner, f"Task {number}")
    page = crud.list_tasks(owner, page=99, per_page=2)
    assert page.page == 3 and [t.title for t in page.items] == ["Task 0"]


def test_page_size_is_capped_at_one_hundred():
    owner = make_user()
    assert crud.list_tasks(owner, per_page=10_000).per_page == 100


def test_deleting_a_user_deletes_their_tasks_and_items():
    admin, user = make_user("admin@example.com"), make_user("gone@example.com")
    crud.create_task(user, "Task")
    crud.create_item(user, "Item")
    crud.delete_user(user.id, admin)
    assert db.session.scalar(select(func.count()).select_from(Task)) == 0
    assert db.session.scalar(select(func.count()).select_from(Item)) == 0


def test_admins_cannot_lock_themselves_out():
    admin = make_user("admin@example.com")
    with pytest.raises(crud.ForbiddenChange) as deactivating:
        crud.update_user(admin, admin, {"is_active": False})
    with pytest.raises(crud.ForbiddenChange) as demoting:
        crud.update_user(admin, admin, {"is_admin": False})
    with pytest.raises(crud.ForbiddenChange) as deleting:
        crud.delete_user(admin.id, admin)
    assert (deactivating.value.field, demoting.value.field, deleting.value.field) == ("is_active", "is_admin", None)


def test_task_counts_cover_every_status():
    owner = make_user()
    crud.create_task(owner, "One")
    crud.create_task(owner, "Two", status=TaskStatus.COMPLETED)
    assert crud.count_tasks(owner).by_status == {
        TaskStatus.PENDING: 1,
        TaskStatus.IN_PROGRESS: 0,
        TaskStatus.COMPLETED: 1,
    }
