"""Beyond the axe audit every walk runs: the audit itself, keyboard-only use, and phone width."""

from datetime import date

import pytest
from playwright.sync_api import expect

from .accessibility_audit import axe_violations, blocking_violations

PHONE = {"width": 375, "height": 740}


def test_the_audit_fails_a_page_with_serious_accessibility_faults(visitor):
    visitor.page.set_content(
        '<!doctype html><html lang="en"><title>Broken</title><main>'
        '<img src="/static/favicon.svg"><input type="text" name="unlabelled"></main></html>'
    )

    blocking = {violation["id"] for violation in blocking_violations(axe_violations(visitor.page))}

    assert {"image-alt", "label"} <= blocking


def tab_to(page, control, most_presses: int = 3):
    """Press Tab until `control` has the focus (a date input takes extra stops for its picker)."""
    for _ in range(most_presses):
        page.keyboard.press("Tab")
        if control.evaluate("element => element === document.activeElement"):
            return
    expect(control).to_be_focused()


def test_the_create_task_form_works_with_the_keyboard_alone(open_visitor, alice):
    visitor = open_visitor(locale="en-US")
    visitor.log_in(alice.email)
    visitor.visit("/tasks/new")
    page, keyboard = visitor.page, visitor.page.keyboard

    tab_to(page, page.get_by_role("link", name="Skip to content"), most_presses=1)
    keyboard.press("Enter")
    tab_to(page, page.get_by_label("Title"), most_presses=1)
    keyboard.type("Renew the passport")
    tab_to(page, page.get_by_label("Description"), most_presses=1)
    keyboard.type("Photo booth first")
    tab_to(page, page.get_by_label("Status"), most_presses=1)
    keyboard.press("ArrowDown")
    tab_to(page, page.get_by_label("Due date"), most_presses=1)
    keyboard.type("03152031")
    tab_to(page, page.get_by_label("Priority"))
    keyboard.press("ArrowDown")
    tab_to(page, page.get_by_label("List", exact=True), most_presses=1)
    tab_to(page, page.get_by_text("Repeat", exact=True), most_presses=1)  # closed: its fields take no stops
    tab_to(page, page.get_by_role("button", name="Save"), most_presses=1)
    with page.expect_navigation():
        keyboard.press("Enter")
    visitor.arrived()

    visitor.sees("Task “Renew the passport” created.")
    visitor.sees("In progress")
    visitor.sees("Mar 15, 2031")
    visitor.sees("Photo booth first")
    visitor.sees("Low")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_the_task_list_fits_a_phone_screen_and_its_menu_is_reachable(open_visitor, alice, add_task, javascript):
    add_task(alice, title="An-unbroken-title-that-is-much-wider-than-any-phone-screen-can-show")
    add_task(alice, title="Pay the rent", due_date=date(2020, 1, 31))
    visitor = open_visitor(javascript=javascript, viewport=PHONE, is_mobile=True, has_touch=True)
    visitor.log_in(alice.email)

    visitor.visit("/tasks/")

    page = visitor.page
    expect(visitor.heading("Your tasks")).to_be_visible()
    widths = page.evaluate("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert widths[0] <= widths[1], f"scrollWidth {widths[0]} > clientWidth {widths[1]}"
    # Tasks first: the filters are folded and the first card starts on the first screen.
    expect(page.get_by_role("search").get_by_label("Pending")).to_be_hidden()
    first_card = page.get_by_role("row").filter(has_text="Pay the rent")
    assert first_card.bounding_box()["y"] < PHONE["height"]
    for field in ("title", "due", "status"):
        expect(first_card.locator(f".task-{field}")).to_be_visible()
    complete = first_card.get_by_role("button", name="Complete Pay the rent")
    assert complete.bounding_box()["height"] >= 44
    if javascript:
        visitor.page.get_by_role("button", name="Toggle navigation").click()
    visitor.log_out()


def body_background(page) -> str:
    return page.evaluate("() => getComputedStyle(document.body).backgroundColor")


BOOTSTRAP_DARK_BODY, BOOTSTRAP_LIGHT_BODY = "rgb(33, 37, 41)", "rgb(255, 255, 255)"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_pages_follow_a_dark_system_until_the_person_chooses_a_mode_of_their_own(open_visitor, alice, javascript):
    on_a_dark_system = open_visitor(javascript=javascript, color_scheme="dark")
    on_a_dark_system.log_in(alice.email)
    page = on_a_dark_system.page
    assert body_background(page) == BOOTSTRAP_DARK_BODY

    on_a_dark_system.visit("/account")
    page.get_by_label("Light", exact=True).check()
    on_a_dark_system.press("Save appearance")
    on_a_dark_system.sees("Your colour mode is saved.")
    assert body_background(page) == BOOTSTRAP_LIGHT_BODY

    page.get_by_label("Dark", exact=True).check()
    on_a_dark_system.press("Save appearance")
    on_a_light_system = open_visitor(javascript=javascript, color_scheme="light")
    on_a_light_system.log_in(alice.email)
    assert body_background(on_a_light_system.page) == BOOTSTRAP_DARK_BODY


def test_a_keyboard_only_walk_creates_finds_completes_and_edits_a_task_with_shortcuts(visitor, alice, add_task):
    for title in ("Buy stamps", "Call mum"):
        add_task(alice, title=title)
    visitor.log_in(alice.email)
    page, keyboard = visitor.page, visitor.page.keyboard

    def press_and_arrive(key: str):
        with page.expect_navigation():
            keyboard.press(key)
        visitor.arrived()

    keyboard.press("j")
    expect(page.get_by_role("link", name="Call mum")).to_be_focused()
    keyboard.press("j")
    keyboard.press("k")
    expect(page.get_by_role("link", name="Call mum")).to_be_focused()

    press_and_arrive("n")
    expect(page.get_by_label("Title")).to_be_focused()
    keyboard.type("Pay rent")  # "e" and "n" among the letters: no shortcut acts in a field
    expect(page.get_by_label("Title")).to_have_value("Pay rent")
    press_and_arrive("Enter")
    visitor.sees("Task “Pay rent” created.")

    press_and_arrive("/")
    search = page.get_by_role("searchbox", name="Search")
    expect(search).to_be_focused()
    keyboard.type("rent")
    press_and_arrive("Enter")
    expect(page.get_by_role("main").get_by_role("link", name="Call mum")).to_have_count(0)

    keyboard.press("j")
    expect(page.get_by_role("link", name="Pay rent")).to_be_focused()
    keyboard.press("x")
    expect(page.get_by_role("checkbox", name="Select Pay rent")).to_be_checked()
    keyboard.press("x")
    expect(page.get_by_role("checkbox", name="Select Pay rent")).not_to_be_checked()
    press_and_arrive("c")
    visitor.sees("1 task set to Completed.")

    keyboard.press("j")
    press_and_arrive("e")
    expect(page.get_by_label("Title")).to_be_focused()
    keyboard.press("ControlOrMeta+a")
    keyboard.type("Pay the rent")
    press_and_arrive("Enter")
    visitor.sees("Task saved.")
    expect(visitor.heading("Pay the rent")).to_be_visible()

    keyboard.press("?")
    shortcuts = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(shortcuts).to_be_visible()
    visitor.audit()
    keyboard.press("Escape")
    expect(shortcuts).to_be_hidden()
