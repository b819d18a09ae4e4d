"""Dark mode: pages follow the system's light or dark setting, or the person's own choice on /account,
decided on the server through Bootstrap's colour modes (data-bs-theme), so no page flashes the wrong one."""

import re

import pytest

from webapp.static_build import DARK_SOURCES, system_dark_css


def colour_mode_of(page: str) -> tuple[str, str, bool]:
    """The page's data-bs-theme, its color-scheme hint, and whether it loads the system-dark rules."""
    theme = re.search(r'<html lang="\w+" data-bs-theme="(\w+)">', page).group(1)
    scheme = re.search(r'<meta name="color-scheme" content="([\w ]+)">', page).group(1)
    return theme, scheme, "/css/system-dark" in page


def test_pages_follow_the_system_before_login_and_for_a_new_account(client, alice_client):
    assert colour_mode_of(client.get("/login").text) == ("auto", "light dark", True)
    assert colour_mode_of(alice_client.get("/tasks/").text) == ("auto", "light dark", True)


def test_the_account_page_offers_system_light_and_dark_with_the_current_one_chosen(alice_client):
    page = alice_client.get("/account").text
    assert "<legend" in page and "Colour mode</legend>" in page
    for value, label in (("system", "System"), ("light", "Light"), ("dark", "Dark")):
        assert re.search(rf'<input[^>]*value="{value}"[^>]*> <label[^>]*>{label}</label>', page)
    assert re.search(r'<input checked[^>]*value="system"', page)


@pytest.mark.parametrize("mode, theme", [("dark", "dark"), ("light", "light"), ("system", "auto")])
def test_a_chosen_colour_mode_is_kept_and_every_page_renders_in_it(alice_client, mode, theme):
    response = alice_client.post("/account/appearance", data={"appearance-colour_mode": mode})
    assert response.status_code == 302

    for path in ("/account", "/tasks/", "/lists/", "/no-such-page"):
        page = alice_client.get(path).text
        assert colour_mode_of(page) == (theme, "light dark" if theme == "auto" else theme, theme == "auto"), path
    assert re.search(rf'<input checked[^>]*value="{mode}"', alice_client.get("/account").text)


def test_a_message_confirms_the_choice(alice_client):
    page = alice_client.post("/account/appearance", data={"appearance-colour_mode": "dark"}, follow_redirects=True)
    assert "Your colour mode is saved." in page.text


@pytest.mark.parametrize("value", ["", "sepia", "auto"])
def test_an_unknown_colour_mode_is_refused_next_to_the_field_and_changes_nothing(alice_client, value):
    response = alice_client.post("/account/appearance", data={"appearance-colour_mode": value})
    assert response.status_code == 422
    assert "Not a valid choice" in response.text
    assert colour_mode_of(alice_client.get("/tasks/").text)[0] == "auto"


def test_one_persons_colour_mode_is_theirs_alone(alice_client, bob_client):
    alice_client.post("/account/appearance", data={"appearance-colour_mode": "dark"})
    assert colour_mode_of(bob_client.get("/tasks/").text)[0] == "auto"


def test_system_dark_rules_are_bootstraps_and_ours_for_dark_mode_under_the_media_query():
    css = system_dark_css(*(source.read_text() for source in DARK_SOURCES))

    assert css.startswith("@media (prefers-color-scheme: dark){") and css.rstrip().endswith("}")
    assert "[data-bs-theme=auto]{color-scheme:dark;--bs-body-color:#dee2e6;" in css
    assert "[data-bs-theme=auto] .label-blue{background-color: #084298; color: #cfe2ff;}" in css
    assert "data-bs-theme=dark" not in css and ":root" not in css and "--bs-body-color:#212529" not in css


def test_only_the_dark_selectors_of_a_rule_are_copied():
    css = system_dark_css(".a, [data-bs-theme=dark] .b { color: red }\n.c{color:blue}\n/* [data-bs-theme=dark] {} */")
    assert css == "@media (prefers-color-scheme: dark){\n[data-bs-theme=auto] .b{color: red}\n}\n"


def test_a_dark_rule_inside_an_at_rule_stops_the_build_rather_than_being_lost():
    with pytest.raises(ValueError, match="dark-mode rule inside"):
        system_dark_css("@media print { [data-bs-theme=dark] .a { color: red } }")
