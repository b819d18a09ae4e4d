"""Names a screen reader can tell apart: every control has a name, and a button or link repeated on a
page (Complete, Delete, Revoke ...) names what it acts on, so two controls that do different things
never read the same."""

from collections import defaultdict
from html.parser import HTMLParser

import pytest
from factories import new_task, new_user

from webapp import crud

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Controls(HTMLParser):
    """The buttons and links of a page: (role, accessible name, what it does), in the simple cases our
    pages use: aria-label, else the text inside (hidden text included, aria-hidden text left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.controls: list[tuple[str, str, str]] = []
        self.open: list[dict] = []  # controls being read, innermost last
        self.stack: list[tuple[str, bool]] = []  # open elements: tag, aria-hidden
        self.form_action = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.form_action = attributes.get("action") or ""
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.controls.append(("button", attributes.get("aria-label") or attributes.get("value") or "", ""))
        if tag in VOID:
            return
        hidden = attributes.get("aria-hidden") == "true" or any(hidden for _, hidden in self.stack)
        self.stack.append((tag, hidden))
        if tag in ("a", "button"):
            target = attributes.get("href") if tag == "a" else self.target_of(attributes)
            self.open.append({"tag": tag, "label": attributes.get("aria-label"), "text": [], "target": target})

    def target_of(self, attributes: dict) -> str:
        action = attributes.get("formaction") or (
            f"#{attributes['form']}" if "form" in attributes else self.form_action
        )
        return f"{action} {attributes.get('name')}={attributes.get('value')}"

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag in ("a", "button"):
                control = self.open.pop()
                name = control["label"] or " ".join("".join(control["text"]).split())
                self.controls.append(("link" if open_tag == "a" else "button", name, control["target"]))
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.open and not (self.stack and self.stack[-1][1]):
            for control in self.open:
                control["text"].append(data)


def controls_of(page: str) -> list[tuple[str, str, str]]:
    parser = Controls()
    parser.feed(page)
    return parser.controls


def ambiguous(controls: list[tuple[str, str, str]]) -> dict[tuple[str, str], set[str]]:
    """Names that stand for more than one action on the page."""
    targets = defaultdict(set)
    for role, name, target in controls:
        targets[role, name].add(target)
    return {name: found for name, found in targets.items() if len(found) > 1}


def test_the_reader_tells_apart_two_buttons_that_read_the_same():
    page = (
        '<form action="/a"><button>Delete</button></form><form action="/b"><button>Delete</button></form>'
        '<form action="/c"><button>Delete<span class="visually-hidden"> rent</span></button></form>'
        '<a href="/x" aria-label="Remove filter home">home <span aria-hidden="true">×</span></a>'
    )
    controls = controls_of(page)
    assert ("button", "Delete rent", "/c None=None") in controls
    assert ("link", "Remove filter home", "/x") in controls
    assert list(ambiguous(controls)) == [("button", "Delete")]


@pytest.fixture
def a_full_account(app, admin_client, admin):
    """The admin with two of everything that pages list with buttons: tasks (one in the trash),
    lists, labels, API tokens and invitations."""
    with app.app_context():
        owner = crud.get_user(admin.id)
        home = crud.create_list(owner, "Home").id
        for name in ("home", "work"):
            crud.create_label(owner, name, "blue")
        for name in ("backup script", "phone"):
            crud.create_api_token(owner, name)
    for title in ("Pay rent", "Water the plants", "Old chores", "Older chores"):
        new_task(admin_client, title=title)
    for title in ("Old chores", "Older chores"):
        admin_client.post(f"/tasks/{new_task(admin_client, title=title)}/delete")
    for email in ("", "", "carol@example.com"):
        admin_client.post("/users/invitations", data={"email": email})
    new_user(app, "dave@example.com")
    with app.app_context():
        owner = crud.get_user(admin.id)
        inbox = next(task_list.id for task_list in crud.list_lists(owner) if task_list.is_inbox)
    return {"home": home, "inbox": inbox}


PAGES = [
    "/tasks/",
    "/tasks/?status=pending&q=a",
    "/lists/{home}",
    "/lists/{inbox}",
    "/lists/{inbox}/board",
    "/lists/",
    "/labels/",
    "/tasks/trash",
    "/account/tokens/",
    "/users/",
    "/account",
    "/items/",
]


def test_every_control_has_a_name_and_repeated_ones_name_what_they_act_on(admin_client, a_full_account):
    unnamed, ambiguous_names = {}, {}
    for path in PAGES:
        page = admin_client.get(path.format(**a_full_account))
        assert page.status_code == 200, path
        controls = controls_of(page.text)
        assert len(controls) > 5, path
        unnamed[path] = [control for control in controls if not control[1]]
        ambiguous_names[path] = ambiguous(controls)

    assert {path: found for path, found in unnamed.items() if found} == {}
    assert {path: found for path, found in ambiguous_names.items() if found} == {}
