"""Pages speak the person's language: their choice on /account, else their browser's, else English."""

import re

import pytest
from helpers import PASSWORD

from webapp import crud
from webapp.extensions import db


def html_lang(page: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', page)
    assert match
    return match.group(1)


def test_a_browser_asking_for_nothing_gets_english(client):
    page = client.get("/login").text
    assert html_lang(page) == "en" and "Log in" in page and "Forgot your password?" in page


@pytest.mark.parametrize(
    ("accept_language", "lang", "words"),
    [
        ("de", "de", ["Anmelden", "Passwort vergessen?", "Zum Inhalt springen"]),
        ("de-AT,de;q=0.9,en;q=0.5", "de", ["Anmelden", "Passwort"]),
        ("es-MX,es;q=0.8", "es", ["Iniciar sesión", "¿Olvidaste tu contraseña?", "Contraseña"]),
        ("fr-FR,fr;q=0.9", "en", ["Log in", "Forgot your password?"]),
        ("fr;q=0.9,es;q=0.5,de;q=0.4", "es", ["Iniciar sesión"]),
    ],
)
def test_the_login_page_speaks_the_best_language_the_browser_asks_for(client, accept_language, lang, words):
    page = client.get("/login", headers={"Accept-Language": accept_language}).text
    assert html_lang(page) == lang
    for word in words:
        assert word in page


def test_wtforms_own_and_our_validation_messages_appear_in_german(client):
    response = client.post(
        "/register",
        data={"email": "not an email", "password": "short", "confirm": "other"},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 422
    assert "Geben Sie eine gültige E-Mail-Adresse ein." in response.text
    assert "Verwenden Sie 10 bis 128 Zeichen." in response.text
    assert "Die Passwörter stimmen nicht überein." in response.text
    empty = client.post("/login", data={}, headers={"Accept-Language": "de"})
    assert "Dieses Feld wird benötigt." in empty.text  # WTForms' own message, from its German catalogue


def test_flash_messages_and_domain_errors_are_translated(client, accounts, alice):
    wrong = client.post(
        "/login", data={"email": alice.email, "password": "not it at all"}, headers={"Accept-Language": "es"}
    )
    assert "Correo electrónico o contraseña incorrectos." in wrong.text
    client.post("/login", data={"email": alice.email, "password": PASSWORD}, headers={"Accept-Language": "es"})
    account = client.post(
        "/account/password",
        data={
            "change_password-current_password": "not it at all",
            "change_password-password": "a brand new passphrase",
            "change_password-confirm": "a brand new passphrase",
        },
        headers={"Accept-Language": "es"},
    )
    assert "La contraseña no es correcta." in account.text  # crud.WrongPassword, shown by its field


def test_a_person_who_chose_a_language_gets_it_whatever_the_browser_says(alice_client):
    response = alice_client.post("/account/language", data={"language-locale": "es"}, follow_redirects=True)
    assert "Tu idioma se ha guardado." in response.text  # already in the language chosen
    page = alice_client.get("/account", headers={"Accept-Language": "de"}).text
    assert html_lang(page) == "es" and "Tu cuenta" in page
    assert '<option selected value="es">Español</option>' in page


def test_automatic_follows_the_browser_again(app, alice_client, alice):
    alice_client.post("/account/language", data={"language-locale": "de"})
    alice_client.post("/account/language", data={"language-locale": ""})
    with app.app_context():
        assert db.session.get(crud.users.User, alice.id).locale is None
    assert html_lang(alice_client.get("/account", headers={"Accept-Language": "es"}).text) == "es"
    assert html_lang(alice_client.get("/account").text) == "en"


def test_a_language_not_offered_is_refused_next_to_the_field(alice_client):
    response = alice_client.post("/account/language", data={"language-locale": "fr"})
    assert response.status_code == 422
    assert "Not a valid choice." in response.text


def test_the_crud_layer_refuses_a_language_it_does_not_offer(app_context, alice):
    user = crud.get_user(alice.id)
    with pytest.raises(crud.CrudError) as refused:
        crud.set_locale(user, "fr")
    assert refused.value.field == "locale"
