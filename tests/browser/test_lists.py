"""The walk through lists, labels, quick add and the board, with JavaScript on and with it off."""

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_person_organises_a_list_moves_its_card_on_the_board_and_deletes_it(open_visitor, alice, javascript):
    visitor = open_visitor(javascript=javascript)
    visitor.log_in(alice.email)
    page = visitor.page
    main = page.get_by_role("main")

    visitor.follow("+ New list")
    visitor.fill(Name="Move house")
    visitor.press("Create list")
    visitor.sees("List “Move house” created.")
    expect(visitor.heading("Move house")).to_be_visible()
    expect(page.get_by_role("navigation", name="Your lists").get_by_role("link", name="Move house")).to_be_visible()

    page.get_by_label("Add a task to Move house").fill("Book the van tomorrow #movers !urgent")
    visitor.press("Add")
    visitor.sees("Understood: due")
    visitor.sees("label movers, priority Urgent. New label: movers.")
    expect(visitor.heading("Book the van")).to_be_visible()
    expect(main.get_by_text("movers", exact=True)).to_be_visible()

    visitor.follow("Move house")
    page.get_by_label("Add a task to Move house").fill("Pack the books")
    visitor.press("Add")

    visitor.follow("Move house")
    page.get_by_role("search").get_by_text("Filters", exact=True).click()
    page.get_by_role("search").get_by_label("movers").check()
    visitor.press("Filter")
    expect(main.get_by_role("link", name="Book the van")).to_be_visible()
    expect(main.get_by_role("link", name="Pack the books")).to_have_count(0)
    expect(page.get_by_role("table").get_by_text("Urgent", exact=True)).to_be_visible()
    visitor.follow("Remove filter Label: movers")
    expect(main.get_by_role("link", name="Pack the books")).to_be_visible()

    visitor.follow("Board")
    in_progress = page.locator('section[data-status="in_progress"]')
    card = page.locator("article.board-card", has_text="Book the van")
    if javascript:
        card.drag_to(in_progress)
        expect(in_progress.get_by_role("link", name="Book the van")).to_be_visible()
        visitor.sees("Moved “Book the van” to In progress.")
        visitor.audit()
    else:
        visitor.navigate_by(card.get_by_role("button", name="Move to In progress"))
        visitor.sees("Moved “Book the van” to In progress.")
        expect(in_progress.get_by_role("link", name="Book the van")).to_be_visible()

    visitor.follow("List view")
    visitor.follow("Edit list")
    visitor.press("Delete list", confirm="Delete this list and move its tasks to the trash?")
    visitor.sees("List “Move house” deleted; 2 tasks moved to the trash.")
    expect(page.get_by_role("navigation", name="Your lists").get_by_role("link", name="Move house")).to_have_count(0)
    visitor.press("Undo")
    visitor.sees("2 tasks restored.")
    visitor.visit("/lists/")
    visitor.follow("Inbox")
    expect(main.get_by_role("link", name="Book the van")).to_be_visible()
    expect(main.get_by_role("link", name="Pack the books")).to_be_visible()


def test_the_labels_page_creates_and_recolours_a_label(visitor, alice):
    visitor.log_in(alice.email)
    visitor.follow("Labels")
    visitor.fill(Name="Errands")
    visitor.choose(Colour="Teal")
    visitor.press("Create label")
    visitor.sees("Label “Errands” created.")
    visitor.follow("Rename or recolour Errands")
    visitor.choose(Colour="Purple")
    visitor.press("Save")
    expect(visitor.page.get_by_role("cell", name="Purple")).to_be_visible()
