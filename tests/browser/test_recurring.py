"""A weekly task walked through in the browser: made with the form's plain fields, completed, and followed
by its next occurrence."""

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_person_makes_a_weekly_task_completes_it_and_sees_the_next_one(open_visitor, alice, javascript):
    visitor = open_visitor(javascript=javascript)
    visitor.log_in(alice.email)
    visitor.follow("Tasks")
    visitor.follow("New task")
    visitor.fill(Title="Water the ferns", **{"Due date": "2030-06-10"})
    visitor.page.get_by_text("Repeat", exact=True).click()
    visitor.choose(Repeats="Every week or every few weeks")
    for weekday in ("Monday", "Thursday"):
        visitor.page.get_by_role("checkbox", name=weekday, exact=True).check()
    visitor.press("Save")
    visitor.sees("Every week on Monday and Thursday, from the due date")

    visitor.press("Complete")
    visitor.sees("Task “Water the ferns” completed.")
    visitor.sees("due 2030-06-13")
    visitor.follow("Next occurrence")
    expect(visitor.heading("Water the ferns")).to_be_visible()
    visitor.sees("2030-06-13")
    visitor.sees("Pending")
    expect(visitor.page.get_by_role("button", name="Complete")).to_be_visible()
