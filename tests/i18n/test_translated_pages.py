"""The pages of each area, read in German and Spanish: words, plurals and what the person typed."""

import pytest
from factories import new_task

from webapp import crud
from webapp.formatting import show_number

GERMAN = {"Accept-Language": "de"}
SPANISH = {"Accept-Language": "es"}


@pytest.fixture
def german(alice_client):
    alice_client.post("/account/language", data={"language-locale": "de"})
    return alice_client


def test_the_task_list_in_german(german):
    new_task(german, "Miete zahlen", due_date="2030-06-01")
    page = german.get("/tasks/?status=pending").text
    for words in ("Ihre Aufgaben", "Neue Aufgabe", "Papierkorb", "Offen", "Erledigen", "Filter zurücksetzen"):
        assert words in page
    assert "Status: Offen" in page  # the active filter, with the status in words
    assert '<option value="-due">Fälligkeitsdatum, absteigend</option>' in page
    assert "Miete zahlen" in page


@pytest.mark.parametrize(
    ("headers", "one", "two"),
    [
        (GERMAN, "1 Aufgabe auf Erledigt gesetzt.", "2 Aufgaben auf Erledigt gesetzt."),
        (SPANISH, "1 tarea cambiada a Completada.", "2 tareas cambiadas a Completada."),
    ],
)
def test_counts_take_the_singular_or_the_plural_of_the_language(alice_client, headers, one, two):
    ids = [new_task(alice_client, title) for title in ("A", "B", "C")]
    alice_client.post("/tasks/bulk", data={"action": "complete", "ids": ids[:1]}, headers=headers)
    assert one in alice_client.get("/tasks/", headers=headers).text
    alice_client.post("/tasks/bulk", data={"action": "complete", "ids": ids[1:]}, headers=headers)
    assert two in alice_client.get("/tasks/", headers=headers).text


def test_a_task_form_error_and_its_flash_in_spanish(alice_client):
    refused = alice_client.post(
        "/tasks/new", data={"title": "", "status": "pending", "due_date": "someday"}, headers=SPANISH
    )
    assert refused.status_code == 422
    assert "Este campo es obligatorio." in refused.text and "No es una fecha válida." in refused.text
    created = alice_client.post(
        "/tasks/new", data={"title": "Regar", "status": "pending"}, headers=SPANISH, follow_redirects=True
    )
    assert "Tarea «Regar» creada." in created.text and "Pendiente" in created.text


def test_lists_labels_and_the_board_in_german(german):
    german.post("/labels/", data={"name": "garten", "colour": "teal"})
    labels = german.get("/labels/").text
    assert "Ihre Labels" in labels and "Petrol" in labels and "Umbenennen oder umfärben" in labels
    created = german.post("/lists/new", data={"name": "Haus"}, follow_redirects=True).text
    assert "Liste „Haus“ erstellt." in created
    lists = german.get("/lists/").text
    assert "Ihre Listen" in lists and "(neue Aufgaben landen hier)" in lists


def test_quick_add_says_what_it_understood_in_spanish(alice_client, today):
    inbox = alice_client.get("/lists/").text.split('<td class="list-name"><a href="')[1].split('"')[0]
    response = alice_client.post(
        f"{inbox}/quick-add", data={"text": "Regar tomorrow #jardín !high"}, headers=SPANISH, follow_redirects=True
    )
    assert "Entendido: vence el 2030-06-13 (tomorrow), etiqueta jardín, prioridad Alta." in response.text
    assert "Etiqueta nueva: jardín." in response.text
    board = alice_client.get(f"{inbox}/board", headers=SPANISH).text
    assert "Mover a En curso" in board and "Vence el 13 jun 2030" in board


@pytest.mark.parametrize(
    ("headers", "due", "created"),
    [({}, "Jun 1, 2030", " UTC"), (GERMAN, "01.06.2030", " UTC"), (SPANISH, "1 jun 2030", " UTC")],
)
def test_dates_are_written_the_way_the_language_writes_them(alice_client, headers, due, created):
    task_id = new_task(alice_client, "Pay rent", due_date="2030-06-01")
    page = alice_client.get(f"/tasks/{task_id}", headers=headers).text
    assert due in page and created in page


def test_counts_use_the_digit_grouping_of_the_language(app):
    with app.test_request_context(headers=GERMAN):
        assert show_number(12345) == "12.345"
    with app.test_request_context():
        assert show_number(12345) == "12,345"


def test_a_password_reset_email_is_in_the_language_its_owner_chose(client, app, alice, mailbox):
    with app.app_context():
        crud.set_locale(crud.get_user(alice.id), "de")
    client.post("/reset-password", data={"email": alice.email}, headers=SPANISH)
    message = mailbox.wait_for(alice.email, "Setzen Sie Ihr Taskboard-Passwort zurück")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Um ein neues Passwort zu wählen, öffnen Sie diesen Link innerhalb von 60 Minuten." in text
    assert '<html lang="de">' in html and "Neues Passwort wählen" in html


def test_a_confirmation_email_is_in_the_language_of_the_page_that_asked_for_it(client, mailbox):
    client.post(
        "/register",
        data={"email": "carla@example.com", "password": "a long new passphrase", "confirm": "a long new passphrase"},
        headers=SPANISH,
    )
    message = mailbox.wait_for("carla@example.com", "Confirma tu correo electrónico para Taskboard")
    assert "abriendo este enlace en las próximas" in message.get_body(("plain",)).get_content()
