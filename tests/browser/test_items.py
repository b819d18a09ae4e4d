"""Items in a real browser: a person keeps their own, an admin adds one for someone else."""

from playwright.sync_api import expect


def test_a_person_creates_edits_and_finds_an_item(visitor, alice):
    visitor.log_in(alice.email)

    visitor.follow("Items")
    visitor.sees("You have no items yet.")
    visitor.follow("New item")
    visitor.fill(Title="Spare key", Description="Under the blue flower pot")
    visitor.press("Save")
    visitor.sees("Item “Spare key” created.")
    expect(visitor.heading("Spare key")).to_be_visible()

    visitor.follow("Edit")
    visitor.fill(Title="Spare house key")
    visitor.press("Save")
    visitor.sees("Item saved.")
    expect(visitor.heading("Spare house key")).to_be_visible()
    visitor.sees("Under the blue flower pot")

    visitor.follow("Items")
    visitor.fill(Search="house")
    visitor.press("Search")
    expect(visitor.page.get_by_role("main").get_by_role("link", name="Spare house key")).to_be_visible()


def test_an_item_without_a_title_is_refused_next_to_the_title(visitor, alice):
    visitor.log_in(alice.email)
    visitor.follow("Items")
    visitor.follow("New item")
    visitor.press("Save")

    expect(visitor.field_error("Title")).to_have_text("This field is required.")


def test_an_admin_creates_an_item_for_another_user(visitor, admin, alice):
    visitor.log_in(admin.email)

    visitor.follow("Users")
    visitor.follow(alice.email)
    visitor.follow("New item for this user")
    expect(visitor.heading(f"New item for {alice.email}")).to_be_visible()
    visitor.fill(Title="Welcome pack")
    visitor.press("Save")

    visitor.sees(f"Item created for {alice.email}.")
    expect(visitor.heading(alice.email)).to_be_visible()
    expect(visitor.page.get_by_role("listitem").filter(has_text="Welcome pack")).to_be_visible()
