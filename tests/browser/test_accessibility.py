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
    visitor.sees("2031-03-15")
    visitor.sees("Photo booth first")
    visitor.sees("Low")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_the_task_list_fits_a_phone_screen_and_its_menu_is_reachable(open_visitor, alice, add_task, javascript):
    add_task(alice, title="An-unbroken-title-that-is-much-wider-than-any-phone-screen-can-show")
    add_task(alice, title="Pay the rent", due_date=date(2020, 1, 31))
    visitor = open_visitor(javascript=javascript, viewport=PHONE, is_mobile=True, has_touch=True)
    visitor.log_in(alice.email)

    visitor.visit("/tasks/")

    expect(visitor.heading("Your tasks")).to_be_visible()
    widths = visitor.page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"scrollWidth {widths[0]} > clientWidth {widths[1]}"
    if javascript:
        visitor.page.get_by_role("button", name="Toggle navigation").click()
    visitor.log_out()
