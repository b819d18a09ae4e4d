"""The README's screenshots, taken from the real app: `make screenshots` writes them to docs/screenshots/.

Other runs write them to a temporary folder, so the walk behind them is checked every time and the
working tree stays clean.
"""

import os
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect

from webapp import crud
from webapp.models import Priority, TaskStatus

DESKTOP = {"width": 1200, "height": 760}
PHONE = {"width": 375, "height": 740}


def test_screenshots_of_the_task_list_and_the_task_form(open_visitor, accounts, add_task, tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    sam = accounts.create("sam@example.com", is_admin=True)
    today = date.today()
    add_task(sam, title="Renew the car insurance", due_date=today - timedelta(days=2))
    add_task(sam, title="Book the dentist", status=TaskStatus.COMPLETED)
    add_task(
        sam,
        title="Plan the team offsite",
        description="Venue, agenda, travel",
        status=TaskStatus.IN_PROGRESS,
        due_date=today + timedelta(days=9),
    )
    add_task(sam, title="Water the plants", due_date=today + timedelta(days=1))
    add_task(sam, title="Call the bank about the new card")
    visitor = open_visitor(viewport=DESKTOP)
    visitor.log_in(sam.email)

    visitor.visit("/tasks/")
    expect(visitor.page.get_by_text("(overdue)")).to_be_visible()
    visitor.page.screenshot(path=folder / "task-list.png")
    visitor.page.emulate_media(color_scheme="dark")  # the account follows the system, here a dark one
    visitor.page.screenshot(path=folder / "task-list-dark.png")
    visitor.page.set_viewport_size(PHONE)
    visitor.page.screenshot(path=folder / "task-list-phone.png")
    visitor.page.emulate_media(color_scheme="light")
    visitor.page.set_viewport_size(DESKTOP)
    visitor.follow("New task")
    visitor.fill(
        Title="Send the quarterly report",
        Description="Numbers from finance first, then the summary for the board.",
        **{"Due date": (today + timedelta(days=14)).isoformat()},
    )
    visitor.choose(Status="In progress")
    visitor.page.get_by_label("Due date").blur()
    visitor.page.screenshot(path=folder / "task-form.png")

    for name in ("task-list", "task-list-dark", "task-list-phone"):
        assert (folder / f"{name}.png").stat().st_size > 10_000
    assert (folder / "task-form.png").stat().st_size > 10_000


def test_screenshot_of_a_lists_board(open_visitor, accounts, app, tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    sam = accounts.create("sam@example.com", is_admin=True)
    today = date.today()
    with app.app_context():
        owner = crud.get_user(sam.id)
        home = crud.create_list(owner, "Move house").id
        movers, paperwork = (
            crud.create_label(owner, name, colour).id for name, colour in (("movers", "orange"), ("paperwork", "blue"))
        )
        for title, status, priority, labels, due in [
            ("Book the van", TaskStatus.PENDING, Priority.URGENT, [movers], today + timedelta(days=1)),
            ("Change the address at the bank", TaskStatus.PENDING, Priority.MEDIUM, [paperwork], None),
            ("Pack the books", TaskStatus.IN_PROGRESS, Priority.HIGH, [], today - timedelta(days=1)),
            ("Measure the new kitchen", TaskStatus.COMPLETED, Priority.LOW, [], None),
            ("Give notice to the landlord", TaskStatus.COMPLETED, Priority.NONE, [paperwork], None),
        ]:
            crud.create_task(
                owner, title, status=status, priority=priority, label_ids=labels, due_date=due, list_id=home
            )
    visitor = open_visitor(viewport=DESKTOP)
    visitor.log_in(sam.email)

    visitor.visit(f"/lists/{home}/board")
    expect(visitor.page.get_by_text("(overdue)")).to_be_visible()
    visitor.page.screenshot(path=folder / "board.png")

    assert (folder / "board.png").stat().st_size > 10_000
