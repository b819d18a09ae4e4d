"""The core walk through tasks, with JavaScript on and again with it off: the app is server-rendered
and JavaScript may only enhance it."""

import pytest
from playwright.sync_api import expect


def create_task(visitor, title: str, status: str = "Pending", **fields: str):
    visitor.follow("Tasks")
    visitor.follow("New task")
    visitor.fill(Title=title, **fields)
    visitor.choose(Status=status)
    visitor.press("Save")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_person_creates_finds_edits_completes_trashes_and_restores_a_task(open_visitor, alice, javascript):
    visitor = open_visitor(javascript=javascript)
    visitor.log_in(alice.email)

    create_task(
        visitor,
        "Water the plants",
        status="In progress",
        Description="The ferns on the balcony",
        **{"Due date": "2030-05-01"},
    )
    visitor.sees("Task “Water the plants” created.")
    expect(visitor.heading("Water the plants")).to_be_visible()
    visitor.sees("In progress")
    visitor.sees("May 1, 2030")
    create_task(visitor, "Call the bank")

    visitor.follow("Tasks")
    main = visitor.page.get_by_role("main")
    expect(main.get_by_role("link", name="Water the plants")).to_be_visible()
    expect(main.get_by_role("link", name="Call the bank")).to_be_visible()

    visitor.fill(Search="balcony")
    visitor.press("Filter")
    expect(main.get_by_role("link", name="Water the plants")).to_be_visible()
    expect(main.get_by_role("link", name="Call the bank")).to_have_count(0)

    visitor.fill(Search="")
    visitor.page.get_by_role("search").get_by_text("Filters", exact=True).click()
    visitor.page.get_by_role("search").get_by_label("Pending").check()
    visitor.press("Filter")
    expect(main.get_by_role("link", name="Call the bank")).to_be_visible()
    expect(main.get_by_role("link", name="Water the plants")).to_have_count(0)

    visitor.visit("/tasks/")
    visitor.follow("Water the plants")
    visitor.follow("Edit")
    expect(visitor.page.get_by_label("Description")).to_have_value("The ferns on the balcony")
    expect(visitor.page.get_by_text("Version")).to_have_count(0)
    visitor.fill(Title="Water the garden plants")
    visitor.press("Save")
    visitor.sees("Task saved.")
    expect(visitor.heading("Water the garden plants")).to_be_visible()

    visitor.press("Complete")
    visitor.sees("Task “Water the garden plants” completed.")
    expect(visitor.page.get_by_role("definition").first).to_have_text("Completed")
    expect(visitor.page.get_by_role("button", name="Complete")).to_have_count(0)

    visitor.press("Delete", confirm="Delete this task?")
    visitor.sees("Task “Water the garden plants” moved to the trash.")
    expect(main.get_by_role("link", name="Water the garden plants")).to_have_count(0)
    expect(main.get_by_role("link", name="Call the bank")).to_be_visible()

    visitor.press("Undo")
    expect(main.get_by_role("link", name="Water the garden plants")).to_be_visible()


def test_dismissing_the_delete_question_keeps_the_task(visitor, alice):
    visitor.log_in(alice.email)
    create_task(visitor, "Call the bank")

    visitor.page.once("dialog", lambda dialog: dialog.dismiss())
    visitor.page.get_by_role("button", name="Delete").click()

    visitor.follow("Tasks")
    expect(visitor.page.get_by_role("main").get_by_role("link", name="Call the bank")).to_be_visible()


def test_a_task_without_a_title_is_refused_next_to_the_title_and_keeps_what_was_typed(visitor, alice):
    visitor.log_in(alice.email)
    visitor.follow("New task")
    visitor.fill(Title="   ", Description="Notes I do not want to lose")
    visitor.press("Save")

    expect(visitor.heading("New task")).to_be_visible()
    expect(visitor.field_error("Title")).to_have_text("This field is required.")
    expect(visitor.page.get_by_label("Description")).to_have_value("Notes I do not want to lose")
    visitor.follow("Cancel")
    visitor.sees("You have no tasks yet.")


def test_a_task_that_does_not_exist_shows_the_not_found_page(visitor, alice):
    visitor.log_in(alice.email)

    response = visitor.visit("/tasks/999999")

    assert response.status == 404
    expect(visitor.heading("Page not found")).to_be_visible()
    visitor.follow("Go to your tasks")
    expect(visitor.heading("Your tasks")).to_be_visible()


def test_a_person_sorts_the_list_completes_several_tasks_at_once_and_restores_one_from_the_trash(
    visitor, alice, add_task
):
    for title in ("Bake bread", "Answer letters", "Clean windows"):
        add_task(alice, title=title)
    visitor.log_in(alice.email)
    table = visitor.page.get_by_role("table")

    visitor.follow("Title")
    expect(table.get_by_role("columnheader", name="Title")).to_have_attribute("aria-sort", "ascending")
    expect(table.locator("tbody").get_by_role("link")).to_have_text(["Answer letters", "Bake bread", "Clean windows"])

    visitor.page.get_by_role("checkbox", name="Select Answer letters").check()
    visitor.page.get_by_role("checkbox", name="Select Clean windows").check()
    visitor.press("Complete selected")
    for title, status in (("Answer letters", "Completed"), ("Bake bread", "Pending"), ("Clean windows", "Completed")):
        expect(table.get_by_role("row").filter(has_text=title)).to_contain_text(status)

    visitor.follow("Bake bread")
    visitor.press("Delete", confirm="Delete this task?")
    visitor.navigate_by(visitor.page.get_by_role("link", name="Trash"))
    expect(visitor.heading("Trash")).to_be_visible()
    visitor.press("Restore Bake bread")
    visitor.follow("Tasks")
    expect(table.locator("tbody").get_by_role("link", name="Bake bread")).to_be_visible()


def test_a_person_completes_one_task_from_the_list_and_moves_their_tasks_to_another_account_by_csv(
    open_visitor, accounts, alice, add_task, tmp_path
):
    bob = accounts.create("bob@example.com")
    add_task(alice, title="Pay the rent", description="Before the 5th")
    add_task(alice, title="Water the plants")
    visitor = open_visitor()
    visitor.log_in(alice.email)

    visitor.press("Complete Pay the rent")
    visitor.sees("1 task set to Completed.")
    expect(visitor.page.get_by_role("button", name="Complete Pay the rent")).to_have_count(0)
    with visitor.page.expect_download() as download:
        visitor.page.get_by_role("link", name="Export CSV").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    visitor.log_out()

    visitor.log_in(bob.email)
    visitor.follow("Import CSV")
    visitor.page.get_by_label("CSV file", exact=True).set_input_files(exported)
    visitor.press("Import")
    visitor.sees("Imported 2 tasks.")
    expect(visitor.page.get_by_role("link", name="Pay the rent")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Complete Water the plants")).to_be_visible()
    expect(visitor.page.get_by_role("button", name="Complete Pay the rent")).to_have_count(0)
