"""Forgotten passwords, two-factor login and closed registration, walked in a real browser."""

import re
import time

import pyotp
from helpers import PASSWORD
from playwright.sync_api import expect
from smtp_sink import link_in

NEW_PASSWORD = "a fresh walk-through passphrase"


def test_a_forgotten_password_is_reset_from_the_email_and_the_old_session_ends(open_visitor, alice, mailbox):
    other_browser = open_visitor()
    other_browser.log_in(alice.email)
    visitor = open_visitor()

    visitor.visit("/login")
    visitor.follow("Forgot your password?")
    expect(visitor.heading("Forgot your password?")).to_be_visible()
    visitor.fill(Email=alice.email)
    visitor.press("Send me a link")
    visitor.sees(f"If {alice.email} belongs to an account, we sent it a link")

    link = link_in(mailbox.wait_for(alice.email, "Reset your Taskboard password"))
    visitor.visit(link)
    expect(visitor.heading("Choose a new password")).to_be_visible()
    visitor.fill(**{"New password": NEW_PASSWORD, "Confirm new password": NEW_PASSWORD})
    visitor.press("Set new password")

    expect(visitor.heading("Your tasks")).to_be_visible()
    visitor.sees("Your password is changed and you are logged in.")
    other_browser.visit("/tasks/")
    expect(other_browser.heading("Log in")).to_be_visible()

    visitor.visit(link)  # the link worked once
    expect(visitor.heading("This link does not work any more")).to_be_visible()
    expect(visitor.page.get_by_role("link", name="Request a new link")).to_be_visible()


def test_two_factor_login_with_a_code_and_then_with_a_recovery_code(visitor, alice):
    visitor.log_in(alice.email)
    visitor.follow(f"Your account: {alice.email}")
    visitor.follow("Two-factor login")
    visitor.press("Set up two-factor login")
    expect(visitor.page.get_by_role("img", name="QR code of your two-factor secret")).to_be_visible()
    secret = visitor.page.get_by_test_id("totp-secret").inner_text()
    totp = pyotp.TOTP(secret)

    enable = visitor.page.get_by_role("region", name="Switch two-factor login on")
    enable.get_by_label("Code from your app").fill("000000")
    enable.get_by_label("Current password").fill(PASSWORD)
    visitor.navigate_by(enable.get_by_role("button", name="Switch two-factor login on"))
    expect(enable.locator(".invalid-feedback").first).to_have_text("The code is not correct.")

    enable.get_by_label("Code from your app").fill(totp.now())
    enable.get_by_label("Current password").fill(PASSWORD)
    visitor.navigate_by(enable.get_by_role("button", name="Switch two-factor login on"))
    visitor.sees("Two-factor login is on.")
    recovery_codes = visitor.page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert len(recovery_codes) == 10
    visitor.log_out()

    visitor.log_in(alice.email)
    expect(visitor.heading("Enter your code")).to_be_visible()
    visitor.fill(Code="123456")
    visitor.press("Log in")
    expect(visitor.heading("Enter your code")).to_be_visible()
    expect(visitor.field_error("Code")).to_have_text("The code is not correct.")
    visitor.fill(Code=totp.at(time.time() + 30))  # the app's next code: the current one was used
    visitor.press("Log in")
    expect(visitor.heading("Your tasks")).to_be_visible()
    visitor.log_out()

    visitor.log_in(alice.email)
    visitor.fill(Code=recovery_codes[0])
    visitor.press("Log in")
    expect(visitor.heading("Your tasks")).to_be_visible()
    visitor.visit("/account/two-factor")
    visitor.sees("You have 9 unused recovery code(s).")


def test_an_admin_closes_registration(open_visitor, admin):
    admin_browser = open_visitor()
    admin_browser.log_in(admin.email)
    admin_browser.follow("Users")
    admin_browser.page.get_by_label("Nobody: admins create accounts").check()
    admin_browser.press("Save registration setting")
    admin_browser.sees("Registration setting saved: registration is closed.")

    stranger = open_visitor()
    response = stranger.visit("/register")
    assert response.status == 403
    stranger.sees("Registration is closed. Ask an administrator to create an account for you.")


def test_an_admin_invites_someone_who_registers_with_the_link(open_visitor, admin, mailbox):
    admin_browser = open_visitor()
    admin_browser.log_in(admin.email)
    admin_browser.follow("Users")
    admin_browser.page.get_by_label("Only people with an invitation link").check()
    admin_browser.press("Save registration setting")
    admin_browser.fill(**{"Email (optional)": "guest@example.com"})
    admin_browser.press("Create invitation")
    admin_browser.sees("Invitation sent to guest@example.com.")

    guest = open_visitor()
    guest.visit(link_in(mailbox.wait_for("guest@example.com", "You are invited")))
    guest.fill(Email="guest@example.com", Password=NEW_PASSWORD, **{"Confirm password": NEW_PASSWORD})
    guest.press("Register")
    guest.sees("We sent an email to guest@example.com.")

    confirmation = link_in(mailbox.wait_for("guest@example.com", "Confirm your email address"))
    guest.log_in("guest@example.com", NEW_PASSWORD)
    guest.sees("Please confirm your email address guest@example.com")
    guest.visit(confirmation)
    guest.press("Confirm my email address")
    guest.sees("Thank you: guest@example.com is confirmed.")
    expect(guest.page.get_by_role("button", name="Send again")).to_have_count(0)
    assert re.search(r"/tasks/$", guest.page.url)
