"""A walk in German: the browser asks for German, every page answers in it and passes axe; a person's
own choice of language then overrides what the browser asks for."""

from helpers import PASSWORD
from playwright.sync_api import expect


def test_a_german_browser_walks_the_pages_in_german_and_may_choose_spanish(open_visitor, alice):
    visitor = open_visitor(locale="de-DE")
    visitor.visit("/login")
    expect(visitor.heading("Anmelden")).to_be_visible()
    assert visitor.page.get_attribute("html", "lang") == "de"
    visitor.fill(**{"E-Mail": alice.email, "Passwort": "not the password"})
    visitor.press("Anmelden")
    visitor.sees("E-Mail-Adresse oder Passwort falsch.")
    visitor.fill(**{"E-Mail": alice.email, "Passwort": PASSWORD})
    visitor.press("Anmelden")
    visitor.sees("Sie sind angemeldet.")

    visitor.follow("Neue Aufgabe")
    visitor.press("Speichern")
    expect(visitor.field_error("Titel")).to_have_text("Dieses Feld wird benötigt.")
    visitor.fill(Titel="Blumen gießen", **{"Fälligkeitsdatum": "2030-05-01"})
    visitor.choose(Status="In Arbeit", **{"Priorität": "Hoch"})
    visitor.press("Speichern")
    visitor.sees("Aufgabe „Blumen gießen“ erstellt.")
    visitor.sees("01.05.2030")

    visitor.follow("Aufgaben")
    expect(visitor.heading("Ihre Aufgaben")).to_be_visible()
    visitor.press("Erledigen Blumen gießen")
    visitor.sees("1 Aufgabe auf Erledigt gesetzt.")
    visitor.follow("Listen")
    visitor.follow("Labels")
    visitor.follow("API-Tokens")

    visitor.page.get_by_title("Ihr Konto").click()
    visitor.arrived()
    visitor.page.get_by_role("combobox", name="Sprache").select_option(label="Español")
    visitor.press("Sprache speichern")
    visitor.sees("Tu idioma se ha guardado.")
    assert visitor.page.get_attribute("html", "lang") == "es"
    expect(visitor.heading("Tu cuenta")).to_be_visible()
