"""The pages of each area, read in German and Spanish: words, plurals and what the person typed."""

import pytest
from factories import new_task

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
    assert "Mover a En curso" in board and "Vence el 2030-06-13" in board
