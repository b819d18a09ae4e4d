"""People's own data: they can take all of it away, and delete their account with it."""

import csv
import io
import json
import re
import zipfile

import pytest
from accounts.steps import enrol_two_factor, next_code
from helpers import PASSWORD, make_app
from sqlalchemy import select

from webapp import crud
from webapp.crud import own_data
from webapp.extensions import db
from webapp.models import TaskStatus, User


@pytest.fixture
def alices_things(app, alice, accounts):
    bob = accounts.create("bob@example.com")
    with app.app_context():
        owner = crud.get_user(alice.id)
        crud.create_task(owner, "=SUM(A1) looks like a formula", "Ünïcode ✓", TaskStatus.PENDING, None)
        crud.create_task(owner, "Second", None, TaskStatus.COMPLETED, None)
        crud.create_item(owner, "Passport", None)
        crud.create_api_token(owner, "laptop")
        crud.create_task(crud.get_user(bob.id), "Bob's secret plan", None, TaskStatus.PENDING, None)
    return bob


def download(client) -> zipfile.ZipFile:
    response = client.get("/account/data.zip")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="taskboard-data-')
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_download_holds_everything_of_the_person_as_json_and_csv_and_nothing_of_others(alice_client, alices_things):
    archive = download(alice_client)

    tasks = json.loads(archive.read("tasks.json"))
    assert [task["title"] for task in tasks] == ["=SUM(A1) looks like a formula", "Second"]
    assert tasks[0]["description"] == "Ünïcode ✓" and tasks[0]["status"] == "pending"
    rows = list(csv.DictReader(io.StringIO(archive.read("tasks.csv").decode())))
    assert [row["title"] for row in rows] == ["'=SUM(A1) looks like a formula", "Second"]
    assert [item["title"] for item in json.loads(archive.read("items.json"))] == ["Passport"]
    assert [token["name"] for token in json.loads(archive.read("api_tokens.json"))] == ["laptop"]
    [me] = json.loads(archive.read("users.json"))
    assert me["email"] == "alice@example.com"
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Bob" not in everything and b"argon2" not in everything
    assert b"token_hash" not in everything and b"password_hash" not in everything


def test_every_table_that_refers_to_people_is_part_of_the_download(app):
    with app.app_context():
        exported = {table.name for table in own_data.owned_tables()}
        referring = {
            table.name
            for table in db.metadata.sorted_tables
            if any(key.column.table.name == "users" for key in table.foreign_keys)
        }
    assert referring <= exported


def test_every_reference_to_an_account_says_what_happens_when_it_is_deleted(app):
    with app.app_context():
        undecided = [
            f"{table.name}.{key.parent.name}"
            for table in db.metadata.sorted_tables
            for key in table.foreign_keys
            if key.column.table.name == "users" and (key.ondelete or "").upper() not in ("CASCADE", "SET NULL")
        ]
    assert undecided == []


def delete(client, password=PASSWORD, code=None):
    data = {"delete_account-password": password}
    if code is not None:
        data["delete_account-code"] = code
    return client.post("/account/delete", data=data)


def test_the_account_page_offers_both(alice_client):
    page = alice_client.get("/account").text
    assert "Download all my data" in page and "Delete my account" in page


def test_a_wrong_password_deletes_nothing_and_says_so_by_the_field(app, alice_client, alices_things, alice):
    response = delete(alice_client, "not my password")

    assert response.status_code == 422
    assert "The password is not correct." in response.text
    with app.app_context():
        assert crud.get_user(alice.id).email == alice.email


def test_deleting_the_account_takes_everything_of_it_and_nothing_of_others(app, alice_client, alices_things, alice):
    response = delete(alice_client)

    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert alice_client.get("/tasks/").status_code == 302  # logged out
    with app.app_context():
        assert db.session.get(User, alice.id) is None
        for table in own_data.owned_tables():
            assert db.session.execute(own_data.owned_rows(table, alice.id)).all() == [], table.name
        bobs = db.session.execute(select(db.metadata.tables["tasks"].c.title)).scalars().all()
        assert bobs == ["Bob's secret plan"]
        assert crud.authenticate(alice.email, PASSWORD) is None


def test_the_last_admin_cannot_delete_their_account(app, admin_client, admin, accounts):
    response = delete(admin_client)

    assert response.status_code == 422
    assert "only administrator" in response.text
    accounts.create("second-admin@example.com", is_admin=True)
    assert delete(admin_client).status_code == 302


def test_deleting_the_account_takes_the_token_the_account_page_gave(app, database_url, accounts, alice):
    browser = make_app(database_url, WTF_CSRF_ENABLED=True).test_client()
    token = hidden_token(browser.get("/login").text)
    browser.post("/login", data={"csrf_token": token, "email": alice.email, "password": PASSWORD})

    assert delete(browser).status_code == 400  # no token: a forged request from another site
    with app.app_context():
        assert db.session.get(User, alice.id) is not None
    token = hidden_token(browser.get("/account").text)
    response = browser.post("/account/delete", data={"csrf_token": token, "delete_account-password": PASSWORD})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, alice.id) is None


def hidden_token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_with_two_factor_on_deleting_needs_a_code_too(app, alice_client, alice):
    secret, _ = enrol_two_factor(alice_client)
    assert "Two-factor code" in alice_client.get("/account").text

    for wrong in (None, "000000"):
        refused = delete(alice_client, code=wrong)
        assert refused.status_code == 422
        assert "The code is not correct." in refused.text
    with app.app_context():
        assert crud.get_user(alice.id).email == alice.email

    assert delete(alice_client, code=next_code(secret)).status_code == 302
    with app.app_context():
        assert db.session.get(User, alice.id) is None


def test_without_two_factor_the_form_asks_for_no_code(alice_client):
    assert "Two-factor code" not in alice_client.get("/account").text
