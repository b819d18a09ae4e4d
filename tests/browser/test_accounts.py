"""Registering, logging in and out, and what an admin does to other accounts, in a real browser."""

from helpers import PASSWORD
from playwright.sync_api import expect

FIRST_PASSWORD = "a long walk-through passphrase"


def test_the_first_person_to_register_becomes_admin_and_can_log_out_and_in(visitor):
    visitor.register("first@example.com", FIRST_PASSWORD)

    expect(visitor.heading("Your tasks")).to_be_visible()
    visitor.sees("Welcome to Taskboard! Your account is ready.")
    expect(visitor.page.get_by_role("navigation", name="Main")).to_contain_text("first@example.com")
    expect(visitor.page.get_by_role("link", name="Users")).to_be_visible()

    visitor.log_out()
    visitor.sees("You are logged out.")
    visitor.log_in("first@example.com", FIRST_PASSWORD)
    expect(visitor.heading("Your tasks")).to_be_visible()
    visitor.sees("You are logged in.")


def test_registration_mistakes_are_shown_next_to_their_fields(visitor):
    visitor.visit("/register")
    visitor.fill(Email="not an email", Password="short", **{"Confirm password": "different"})
    visitor.press("Register")

    expect(visitor.field_error("Email")).to_have_text("Enter a valid email address.")
    expect(visitor.field_error("Password")).to_have_text("Use between 10 and 128 characters.")
    expect(visitor.field_error("Confirm password")).to_have_text("The passwords do not match.")
    expect(visitor.page.get_by_label("Email", exact=True)).to_have_value("not an email")


def test_a_wrong_password_is_refused_at_the_password_field(visitor, alice):
    visitor.log_in(alice.email, "not the passphrase at all")

    expect(visitor.heading("Log in")).to_be_visible()
    expect(visitor.field_error("Password")).to_have_text("Wrong email or password.")


def test_a_person_changes_their_password_and_their_other_browser_is_logged_out(open_visitor, alice):
    other_browser = open_visitor()
    other_browser.log_in(alice.email)
    visitor = open_visitor()
    visitor.log_in(alice.email)
    visitor.follow(f"Your account: {alice.email}")
    expect(visitor.heading("Your account")).to_be_visible()
    change_password = visitor.page.get_by_role("region", name="Change password")

    change_password.get_by_label("Current password", exact=True).fill("not the passphrase at all")
    change_password.get_by_label("New password", exact=True).fill(FIRST_PASSWORD)
    change_password.get_by_label("Confirm new password", exact=True).fill(FIRST_PASSWORD)
    visitor.navigate_by(change_password.get_by_role("button", name="Change password"))
    expect(change_password.locator(".invalid-feedback")).to_have_text("The password is not correct.")

    change_password.get_by_label("Current password", exact=True).fill(PASSWORD)
    change_password.get_by_label("New password", exact=True).fill(FIRST_PASSWORD)
    change_password.get_by_label("Confirm new password", exact=True).fill(FIRST_PASSWORD)
    visitor.navigate_by(change_password.get_by_role("button", name="Change password"))
    visitor.sees("Your password is changed. Your other sessions have been logged out.")

    other_browser.visit("/tasks/")
    expect(other_browser.heading("Log in")).to_be_visible()
    visitor.log_out()
    visitor.log_in(alice.email, FIRST_PASSWORD)
    expect(visitor.heading("Your tasks")).to_be_visible()


def test_an_admin_deactivates_a_user_who_then_cannot_log_in(visitor, admin, alice):
    visitor.log_in(admin.email)

    visitor.follow("Users")
    expect(visitor.heading("Users")).to_be_visible()
    visitor.follow(alice.email)
    visitor.follow("Edit")
    visitor.page.get_by_label("Active").uncheck()
    visitor.press("Save")
    visitor.sees("User saved.")
    visitor.follow("Users")
    alice_row = visitor.page.get_by_role("row").filter(has_text=alice.email)
    expect(alice_row.get_by_role("cell").nth(2)).to_have_text("No")
    visitor.log_out()

    visitor.log_in(alice.email)

    expect(visitor.heading("Log in")).to_be_visible()
    expect(visitor.field_error("Password")).to_have_text("Wrong email or password.")


def test_a_regular_user_gets_a_friendly_forbidden_page_for_the_user_admin(visitor, alice):
    visitor.log_in(alice.email)

    expect(visitor.page.get_by_role("link", name="Users")).to_have_count(0)
    response = visitor.visit("/users/")

    assert response.status == 403
    expect(visitor.heading("Forbidden")).to_be_visible()
