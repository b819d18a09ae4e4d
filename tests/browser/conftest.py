"""The browser suite: Debian's Chromium, driven by Playwright, walks the real app served by gunicorn.

One gunicorn (production configuration, CSRF on) and one Chromium serve the whole session; every test
gets fresh browser contexts and an empty database. Every page a walk arrives at is checked for console
errors and audited with axe-core. When a test fails, a screenshot and the HTML of every open page land
in test-artifacts/.
"""

import os
import re
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest
from helpers import PASSWORD
from integration.servers import Server, start_gunicorn, stop_gunicorn
from playwright.sync_api import expect

from webapp import crud
from webapp.static_build import MANIFEST
from webapp.static_build import build as build_static_files

from .accessibility_audit import AXE, axe_violations, blocking_violations

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
# We run as root in a container with the network closed: no sandbox, no GPU, nothing phoning home.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A control that does not appear within this is missing, not slow (Playwright waits 30 s by default).
ACTION_TIMEOUT_MS = 10_000

# Every page is audited in each colour scheme the browser asks for and at a desktop's and a phone's width.
# A walk audits each page it arrives at as its browser is; the first time a page (path and status) is
# reached, the same page is audited again in the other three, reusing the loaded page: the scheme and
# the width change in place, with no new browser, context or request.
SCHEMES = ("light", "dark")
WIDTHS = (1200, 375)
DESKTOP = {"width": WIDTHS[0], "height": 760}
# What axe found on each page of every walk in each scheme and width, for the summary at the end of the run,
# and what the audits in the other schemes and widths added: how many, and the seconds they took.
axe_results: dict[str, dict[str, Counter]] = {}
other_variants = {"audits": 0, "seconds": 0.0}
CALL_FAILED = pytest.StashKey[bool]()


def pytest_runtest_makereport(item, call):
    if call.when == "call":
        item.stash[CALL_FAILED] = call.excinfo is not None and not call.excinfo.errisinstance(pytest.skip.Exception)


def pytest_terminal_summary(terminalreporter):
    if not axe_results:
        return
    terminalreporter.section("axe-core audit per page, scheme and width (violations by impact)")
    for page in sorted(axe_results):
        for variant, counts in sorted(axe_results[page].items()):
            found = ", ".join(f"{impact}: {n}" for impact, n in sorted(counts.items()) if n) or "none"
            terminalreporter.write_line(f"{page} {variant}: {found}")
    terminalreporter.write_line(
        f"Pages audited: {len(axe_results)}; the audits in the other schemes and widths: "
        f"{other_variants['audits']}, taking {other_variants['seconds']:.1f} s in all."
    )


@pytest.fixture(scope="session", autouse=True)
def browser_requirements():
    """Skip the suite where Chromium or axe-core is missing, except in CI, where that is a failure.

    `make test` runs the whole suite once per database; the browser walks check pages, scripts and
    accessibility, which no database changes, so they run in the one pass it names (TEST_BROWSER_PASS).
    """
    browser_pass = os.environ.get("TEST_BROWSER_PASS")
    if browser_pass == "none":
        pytest.skip("A coverage run leaves the browser suite out: coverage does not trace the gunicorn it drives.")
    if browser_pass and browser_pass != os.environ.get("TEST_PASS"):
        pytest.skip(f"The browser suite runs in the {browser_pass} pass of `make test` only.")
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE.exists():
        missing.append(f"{AXE.relative_to(PROJECT_ROOT)} (npm ci)")
    if not missing:
        return
    message = "Browser suite skipped: missing " + " and ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(message.replace("skipped", "cannot run in CI"), pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_requirements):
    # Debian's Chromium, never a browser Playwright would download.
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def server(database_url, mail_server, tmp_path_factory, browser_requirements) -> Server:
    """The app served by a real gunicorn on a free port, for the whole session.

    It serves the run's freshly migrated database (tests/conftest.py), which the `app` fixture
    empties after every test, and sends its emails to the run's SMTP server (`mailbox`). Its log
    holds gunicorn's access log: every request that reached it.
    """
    if not MANIFEST.exists():  # `make test` builds the static files; a bare pytest run may not have
        build_static_files()
    server = start_gunicorn(database_url, tmp_path_factory.mktemp("gunicorn"), MAIL_URL=mail_server.url)
    yield server
    stop_gunicorn(server.process)


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server.url


@pytest.fixture
def new_context(new_context, request):
    """Contexts whose pages are watched; on failure every open page is saved to test-artifacts/."""
    contexts = []

    def create(**kwargs):
        context = new_context(**kwargs)
        contexts.append(context)
        return context

    yield create
    if request.node.stash.get(CALL_FAILED, False):
        save_artifacts(request.node.nodeid, [page for context in contexts for page in context.pages])


def save_artifacts(nodeid: str, pages) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "-", nodeid)
    for number, page in enumerate(pages, start=1):
        stem = ARTIFACTS / f"{name}-{number}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(page.content())
        except Exception as error:  # a crashed page must not hide the test's own failure
            Path(f"{stem}.txt").write_text(f"could not save {page.url}: {error}")


class Visitor:
    """A person at the browser: goes to pages, fills fields by label, presses buttons by name.

    Every page they arrive at must log no console errors (CSP violations included) and, with
    JavaScript on, pass axe-core without serious or critical violations.
    """

    def __init__(self, page, javascript: bool, color_scheme: str = "light"):
        self.page = page
        self.javascript = javascript
        self.color_scheme = color_scheme
        self.console_errors: list[str] = []
        self.failed_documents: set[str] = set()
        self.status: int | None = None
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("response", self._on_response)

    def _on_response(self, response):
        # The browser logs "Failed to load resource" for a page answered with 404 or 422; that
        # status is what the walk asked for, and the walk checks it. Sub-resources must load.
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.status = response.status
            if response.status >= 400:
                self.failed_documents.add(response.url)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def visit(self, path: str):
        response = self.page.goto(path)
        self.arrived()
        return response

    def press(self, name: str, confirm: str | None = None):
        """Press a button and arrive at the page it leads to; `confirm` is the question JS asks first."""
        self.navigate_by(self.page.get_by_role("button", name=name, exact=True).first, confirm)

    def follow(self, name: str):
        self.navigate_by(self.page.get_by_role("link", name=name, exact=True).first)

    def navigate_by(self, control, confirm: str | None = None):
        questions = []
        if confirm and self.javascript:

            def accept(dialog):
                questions.append(dialog.message)
                dialog.accept()

            self.page.once("dialog", accept)
        with self.page.expect_navigation():
            control.click()
        if confirm and self.javascript:
            assert questions == [confirm]
        self.arrived()

    def fill(self, **fields: str):
        """Fill fields by their visible label, e.g. fill(Title="Buy milk", **{"Due date": "2030-01-31"})."""
        for label, value in fields.items():
            self.page.get_by_label(label, exact=True).fill(value)

    def choose(self, **selects: str):
        """Pick an option by the text people see, e.g. choose(Status="In progress")."""
        for label, option in selects.items():
            self.page.get_by_label(label, exact=True).select_option(label=option)

    def arrived(self):
        self.page.wait_for_load_state("load")
        self.assert_quiet_console()
        self.assert_no_sideways_scroll()
        if self.javascript:
            self.audit()

    def assert_no_sideways_scroll(self):
        width, inner_width = self.page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
        assert width <= inner_width, f"{self.page.url} scrolls sideways: {width} px wide in {inner_width} px"

    def assert_quiet_console(self):
        unexpected = [error for error in self.console_errors if not any(url in error for url in self.failed_documents)]
        assert not unexpected, f"console errors on {self.page.url}: {unexpected}"

    def audit(self):
        """axe as the page is; the first time this page is reached, in the other schemes and widths too."""
        name = page_name(self.page.url, self.status)
        first_time = name not in axe_results
        viewport = self.page.viewport_size or DESKTOP
        self.audit_as_shown(name, self.color_scheme, viewport["width"])
        if not first_time:
            return
        started = time.perf_counter()
        for scheme in SCHEMES:
            for width in WIDTHS:
                if (scheme, width) != (self.color_scheme, viewport["width"]):
                    # Reduced motion switches Bootstrap's colour transitions off: axe sees the final colours.
                    self.page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
                    self.page.set_viewport_size({"width": width, "height": viewport["height"]})
                    self.assert_no_sideways_scroll()
                    self.audit_as_shown(name, scheme, width)
                    other_variants["audits"] += 1
        self.page.emulate_media(color_scheme=self.color_scheme, reduced_motion="no-preference")
        self.page.set_viewport_size(viewport)
        other_variants["seconds"] += time.perf_counter() - started

    def audit_as_shown(self, name: str, scheme: str, width: int):
        violations = axe_violations(self.page)
        counts = axe_results.setdefault(name, {}).setdefault(f"{scheme} {width} px", Counter())
        for violation in violations:
            counts[violation["impact"]] = max(counts[violation["impact"]], len(violation["nodes"]))
        blocking = blocking_violations(violations)
        assert not blocking, f"axe on {self.page.url} ({scheme}, {width} px):\n" + "\n".join(
            f"- {v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}" for v in blocking
        )

    def heading(self, text: str):
        return self.page.get_by_role("heading", name=text, level=1)

    def sees(self, text: str):
        expect(self.page.get_by_text(text).first).to_be_visible()

    def field_error(self, label: str):
        """The error shown next to the field with this label (in the same form group)."""
        field = self.page.get_by_label(label, exact=True)
        expect(field).to_have_class(re.compile(r"\bis-invalid\b"))
        return field.locator("xpath=..").locator(".invalid-feedback")

    def register(self, email: str, password: str):
        self.visit("/register")
        self.fill(Email=email, Password=password, **{"Confirm password": password})
        self.press("Register")

    def log_in(self, email: str, password: str = PASSWORD):
        self.visit("/login")
        self.fill(Email=email, Password=password)
        self.press("Log in")

    def log_out(self):
        self.press("Log out")
        expect(self.heading("Log in")).to_be_visible()


def page_name(url: str, status: int | None) -> str:
    """A stable name for a page of the walk: its path with ids as <id>, and the status it came with."""
    path = re.sub(r"/\d+(?=/|$)", "/<id>", urllib.parse.urlsplit(url).path)
    return f"{path} ({status})"


@pytest.fixture
def open_visitor(new_context, app):
    """Opens a fresh browser context, e.g. open_visitor(javascript=False, viewport=...).

    Depends on `app` so the database is emptied after the test.
    """

    visitors = []

    def open_(javascript: bool = True, **context_args) -> Visitor:
        context_args.setdefault("viewport", DESKTOP)
        context = new_context(java_script_enabled=javascript, **context_args)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        if javascript:
            context.add_init_script(path=str(AXE))
        visitors.append(Visitor(context.new_page(), javascript, context_args.get("color_scheme", "light")))
        return visitors[-1]

    yield open_
    # Errors logged after the last page arrived (a click that stayed on the page) count too.
    for visitor in visitors:
        visitor.assert_quiet_console()


@pytest.fixture
def visitor(open_visitor) -> Visitor:
    return open_visitor()


@pytest.fixture
def add_task(app):
    """Puts a task straight into the database, for walks that need a list to look at."""

    def add(owner, **fields):
        with app.app_context():
            crud.create_task(crud.get_user(owner.id), **fields)

    return add
