"""Two people, two browsers, one shared list: Olivia shares it with Eddie as Editor, Eddie adds a task and a
comment and assigns it to her, she sees all of it and its history, then makes him a Viewer and his edit
controls are gone."""

import pytest
from playwright.sync_api import expect


@pytest.fixture
def olivia(accounts, admin):
    return accounts.create("olivia@example.com")


@pytest.fixture
def eddie(accounts, admin):
    return accounts.create("eddie@example.com")


def test_two_people_share_a_list_work_on_one_task_and_the_owner_makes_the_other_a_viewer(open_visitor, olivia, eddie):
    owner, member = open_visitor(), open_visitor()
    owner.log_in(olivia.email)
    member.log_in(eddie.email)

    owner.follow("+ New list")
    owner.fill(Name="Household")
    owner.press("Create list")
    owner.follow("Members")
    add_member = owner.page.get_by_role("region", name="Add a member")
    add_member.get_by_label("Email", exact=True).fill(eddie.email)
    add_member.get_by_label("Role", exact=True).select_option(label="Editor")
    owner.navigate_by(add_member.get_by_role("button"))
    expect(owner.page.locator(".member-email", has_text=eddie.email)).to_be_visible()

    member.visit("/tasks/")
    lists = member.page.get_by_role("navigation", name="Your lists")
    member.navigate_by(lists.get_by_role("link", name="Household (shared by olivia@example.com)"))
    member.page.get_by_label("Add a task to Household").fill("Fix the dripping tap")
    member.press("Add")
    expect(member.heading("Fix the dripping tap")).to_be_visible()
    member.fill(Comment="I'll buy a washer on Saturday.")
    member.press("Add a comment")
    member.sees("Comment added.")

    owner.visit("/tasks/")
    owner.navigate_by(owner.page.get_by_role("navigation", name="Your lists").get_by_role("link", name="Household"))
    owner.follow("Fix the dripping tap")
    comments = owner.page.locator(".comment-list li")
    expect(comments).to_have_count(1)
    expect(comments).to_contain_text("eddie@example.com")
    expect(comments).to_contain_text("I'll buy a washer on Saturday.")
    history = owner.page.locator(".task-history")
    expect(history).to_contain_text("eddie@example.com created the task")

    member.follow("Edit")
    member.page.get_by_role("group", name="Assigned to").get_by_label(olivia.email, exact=True).check()
    member.press("Save")
    member.sees("Task saved.")

    owner.follow("Assigned to me")
    main = owner.page.get_by_role("main")
    expect(main.get_by_role("link", name="Fix the dripping tap")).to_be_visible()
    owner.follow("Fix the dripping tap")
    expect(owner.page.locator(".task-history")).to_contain_text(
        "eddie@example.com assigned the task to olivia@example.com"
    )

    owner.visit("/lists/")
    owner.follow("Household")
    owner.follow("Members")
    eddie_row = owner.page.get_by_role("row").filter(has_text=eddie.email)
    eddie_row.get_by_role("combobox").select_option(label="Viewer")
    owner.navigate_by(eddie_row.get_by_role("button", name=f"Change role of {eddie.email}"))
    expect(owner.page.get_by_role("row").filter(has_text=eddie.email).get_by_role("combobox")).to_have_value("viewer")

    member.page.reload()
    member.arrived()
    expect(member.heading("Fix the dripping tap")).to_be_visible()
    expect(member.page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(member.page.get_by_label("Comment", exact=True)).to_have_count(0)
    expect(member.page.locator(".comment-list li")).to_contain_text("I'll buy a washer on Saturday.")
    member.visit("/tasks/")
    member.navigate_by(
        member.page.get_by_role("navigation", name="Your lists").get_by_role(
            "link", name="Household (shared by olivia@example.com)"
        )
    )
    expect(member.page.get_by_role("main").get_by_role("link", name="Fix the dripping tap")).to_be_visible()
    expect(member.page.get_by_role("button", name="Complete selected")).to_have_count(0)
    expect(member.page.get_by_label("Add a task to Household")).to_have_count(0)
