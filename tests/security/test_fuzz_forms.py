"""Hypothesis drives every form with arbitrary text: never a 5xx, and the database agrees with the answer.

Every form of the app is one line of FORMS. A feature that adds a form adds its
line there: the URL (with {task}, {item} or {user} for the ids of objects made
for the run), the field names, who is logged in, and what a success does to the
rows: a form that creates names the table that gains one row (or some rows,
with `creates_many=True`); a single-use create form (`single_use=True`) also records its
one-time token, and posted again with a token already used it adds nothing; a form that
deletes says `removes=True`; any other form changes rows but never their number. POST bodies go URL-encoded or as
multipart/form-data, as browsers send them; fields named in `files` are uploaded files.

Each form gets at least 200 examples when CI=true (fewer locally, same test). `make test`
runs the suite again on PostgreSQL and MariaDB; there the forms behave the same, so a
quarter of that looks for what only a database server refuses (NUL in text, ...).
"""

import hashlib
import io
import os
import urllib.parse
from dataclasses import dataclass

import pytest
from helpers import PASSWORD, make_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from webapp import crud
from webapp.extensions import db

EXAMPLES = 200 if os.environ.get("CI") == "true" else 25
SERVER_EXAMPLES = EXAMPLES // 4


@dataclass(frozen=True)
class Form:
    url: str
    fields: tuple[str, ...]
    login: str = "user"  # "anonymous", "user" (a regular account) or "admin"
    creates: str | None = None  # the table that gains exactly one row when the form succeeds
    also_creates: tuple[str, ...] = ()  # tables that gain one row with it (a new account's Inbox)
    creates_many: bool = False  # ...or any number of rows, at least one
    removes: bool = False  # a success may delete rows (in any table), never add them
    # Tables a success may add one row to besides: the link of a confirmation email.
    links: tuple[str, ...] = ()
    # A registration answers a taken email as it answers a new one, so a success may add nothing.
    may_add_nothing: bool = False
    single_use: bool = False  # a create form whose one-time token is recorded in form_submissions
    records_history: bool = False  # a success adds the changed tasks' history (task_events), a row a change
    method: str = "POST"
    files: tuple[str, ...] = ()  # fields sent as uploaded files

    def __str__(self):
        return f"{self.method} {self.url}"


HISTORY = "task_events"
NEW_ACCOUNT = ("task_lists", "list_members")  # every account starts with its Inbox, of which it is the owner
TASK_FIELDS = ("title", "description", "status", "due_date")
TASK_FILTERS = ("q", "status", "due", "sort", "per_page", "page")

FORMS = [
    Form(
        "/register",
        ("email", "password", "confirm"),
        login="anonymous",
        creates="users",
        also_creates=NEW_ACCOUNT,
        links=("account_links",),
        may_add_nothing=True,
    ),
    Form("/login", ("email", "password"), login="anonymous"),
    Form("/tasks/", TASK_FILTERS, method="GET"),
    Form("/tasks/export.csv", TASK_FILTERS, method="GET"),
    Form("/tasks/trash", ("page", "per_page"), method="GET"),
    Form("/tasks/bulk", ("ids", "page_ids", "all_on_page", "action", "status", "next"), records_history=True),
    Form("/tasks/trash/restore", ("ids", "next"), records_history=True),
    Form("/tasks/trash/delete", ("ids", "next"), removes=True),
    Form("/tasks/import", ("file",), files=("file",), creates="tasks", creates_many=True, records_history=True),
    Form("/tasks/new", (*TASK_FIELDS, "form_token"), creates="tasks", single_use=True, records_history=True),
    Form("/tasks/{task}/edit", (*TASK_FIELDS, "version"), records_history=True),
    Form("/tasks/{task}/complete", ("next",), records_history=True),
    Form("/tasks/{task}/delete", ("next",), removes=True, records_history=True),
    Form("/items/", ("page", "per_page"), method="GET"),
    Form("/items/new", ("title", "description", "form_token"), creates="items", single_use=True),
    Form("/items/{item}/edit", ("title", "description")),
    Form("/items/{item}/delete", ("next",), removes=True),
    Form("/users/", ("page", "per_page"), login="admin", method="GET"),
    Form("/users/new", ("email", "password", "is_admin"), login="admin", creates="users", also_creates=NEW_ACCOUNT),
    Form("/users/{user}/edit", ("email", "is_active", "is_admin"), login="admin"),
    Form("/users/{user}/items/new", ("title", "description"), login="admin", creates="items"),
    Form("/users/{user}/delete", ("next",), login="admin", removes=True),
    Form("/account/email", ("change_email-email", "change_email-password"), links=("account_links",)),
    Form(
        "/account/password", ("change_password-current_password", "change_password-password", "change_password-confirm")
    ),
    Form("/account/two-factor/enable", ("code", "password")),
    Form("/account/two-factor/disable", ("password", "code")),
    Form("/account/two-factor/recovery-codes", ("password",)),
    Form("/login/code", ("code",), login="anonymous"),
    Form("/reset-password", ("email",), login="anonymous", links=("account_links",)),
    Form("/reset-password/{reset}", ("password", "confirm"), login="anonymous"),
    Form("/users/registration", ("mode",), login="admin", links=("site_settings",)),
    Form("/users/invitations", ("email",), login="admin", creates="account_links"),
]

ODD_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202e",
    "\ufeff",
    "%00",
    "\r\n",
    "0",
    "-1",
    "1.5",
    "1e308",
    "NaN",
    "inf",
    "9" * 400,
    str(2**63),
    str(-(2**63) - 1),
    "0000-00-00",
    "2024-02-30",
    "9999-12-31",
    "10000-01-01",
    "0001-01-01",
    "1970-1-1",
    "31/12/2024",
    "y",
    "n",
    "on",
    "true",
    "false",
    "pending",
    "in_progress",
    "completed",
    "COMPLETED",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "//evil.example/",
    "/tasks/",
]
# Values a person would type, by field name (after any "prefix-"), so the success paths run too.
PLAUSIBLE = {
    "email": st.sampled_from(["fuzz@example.com", "alice@example.com", "Other@Example.com"]),
    "password": st.sampled_from([PASSWORD, "another good password"]),
    "status": st.sampled_from(["pending", "in_progress", "completed"]),
    "due_date": st.dates().map(str),
    "version": st.sampled_from(["1", "2"]),
    "page": st.integers(-3, 5).map(str),
    "ids": st.sampled_from(["1", "2", "3"]),
    "action": st.sampled_from(["complete", "set_status", "delete"]),
    "file": st.sampled_from(["title,status\nImported,pending\n", "title\n=1+1\n", "id,title\n"]),
    "is_admin": st.sampled_from(["y", ""]),
    "mode": st.sampled_from(["open", "invite", "closed"]),
    "code": st.sampled_from(["123456", "aaaa-bbbb-cccc-dddd"]),
    "form_token": st.sampled_from(["a-token-used-again", "another-token", ""]),
}
PLAUSIBLE.update(
    confirm=PLAUSIBLE["password"],
    current_password=PLAUSIBLE["password"],
    per_page=PLAUSIBLE["page"],
    is_active=PLAUSIBLE["is_admin"],
)
SOME_TEXT = st.sampled_from(["Fuzzed title", "Ünïcødé 😀", "/tasks/", "NUL \x00 inside"])


def plausible(field: str):
    return PLAUSIBLE.get(field.rsplit("-", 1)[-1], SOME_TEXT)


short_wild_text = st.one_of(
    st.text(),
    st.text(st.characters(codec=None, categories=("Cs", "Cc", "Zs", "So", "Lo"))),
    st.sampled_from(ODD_VALUES),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    # Numbers at the edges of the integer types databases and drivers use.
    st.builds(
        lambda edge, sign, nudge: str(sign * edge + nudge),
        st.sampled_from([2**15, 2**31, 2**32, 2**53, 2**63, 2**64, 10**20, 10**400]),
        st.sampled_from([1, -1]),
        st.integers(-1, 1),
    ),
)
# About 100 KB. Only bodies carry that much: gunicorn refuses request lines over 4 KB,
# so a query string that long never reaches the app.
huge_text = st.builds(lambda s, n: s * n, st.sampled_from(["a", "é", "\x00", "😀"]), st.integers(90_000, 110_000))


def form_values(form: Form):
    """Each field: wild text, a plausible value, or left out altogether."""
    wild = short_wild_text | huge_text if form.method == "POST" else short_wild_text
    return st.fixed_dictionaries({name: st.one_of(st.none(), wild, plausible(name)) for name in form.fields})


def encode(values: dict) -> str:
    """URL-encoded as a client would send it; lone surrogates go out as the invalid bytes they are."""
    pairs = [(name, value) for name, value in values.items() if value is not None]
    return urllib.parse.urlencode(pairs, encoding="utf-8", errors="surrogatepass")


def multipart_fields(form: Form, values: dict) -> dict:
    """The fields for a multipart body. Files carry the raw bytes, invalid UTF-8 included;
    text fields cannot, so there it becomes U+FFFD."""
    fields = {}
    for name, value in values.items():
        if value is None:
            continue
        raw = value.encode("utf-8", "surrogatepass")
        fields[name] = (io.BytesIO(raw), "fuzz.csv") if name in form.files else raw.decode("utf-8", "replace")
    return fields


def submit(client, form: Form, url: str, values: dict, multipart: bool):
    if form.method == "GET":
        return client.get(f"{url}?{encode(values)}")
    if multipart or form.files:
        return client.post(url, data=multipart_fields(form, values), content_type="multipart/form-data")
    return client.post(url, data=encode(values), content_type="application/x-www-form-urlencoded")


def database_state():
    """Row counts and a digest of every table's contents."""
    counts, digest = {}, hashlib.sha256()
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
        counts[table.name] = len(rows)
        digest.update(repr(rows).encode("utf-8", "surrogatepass"))
    db.session.rollback()
    return counts, digest.hexdigest()


@pytest.mark.parametrize("form", FORMS, ids=str)
def test_every_form_survives_arbitrary_input_and_stores_only_what_it_reports(app, database_url, backend, form):
    # The limits have their own tests, and durability is not under test here: no fsync per commit.
    fuzzed = make_app(database_url, RATELIMIT_ENABLED=False, SQLITE_SYNCHRONOUS="OFF")
    with fuzzed.app_context():
        admin = crud.create_user("admin@example.com", PASSWORD, is_admin=True)
        alice = crud.create_user("alice@example.com", PASSWORD)
        ids = {
            "user": alice.id,
            "task": crud.create_task(alice, "A task").id,
            "item": crud.create_item(alice, "An item").id,
            "reset": crud.request_password_reset(alice.email)[1],
        }
        clients = {"anonymous": None, "user": fuzzed.test_client(), "admin": fuzzed.test_client()}
        for role, email in (("user", alice.email), ("admin", admin.email)):
            assert clients[role].post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    url = form.url.format(**ids)

    @settings(
        max_examples=EXAMPLES if backend == "sqlite" else SERVER_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(values=form_values(form), multipart=st.booleans())
    def send(values, multipart):
        client = clients[form.login] or fuzzed.test_client()
        with fuzzed.app_context():
            counts_before, digest_before = database_state()
        response = submit(client, form, url, values, multipart)
        with fuzzed.app_context():
            counts_after, digest_after = database_state()

        assert response.status_code < 500, f"{response.status_code} for {values!r}"[:2000]
        if form.records_history and response.status_code in (201, 302, 303):
            history_before, history_after = counts_before.pop(HISTORY), counts_after.pop(HISTORY)
            assert history_after >= history_before, "a change erases no history"
        if response.status_code in (302, 303) and form.creates_many:
            others = {table for table in counts_before if table != form.creates}
            assert counts_after[form.creates] > counts_before[form.creates], "a successful import adds rows"
            assert all(counts_after[table] == counts_before[table] for table in others)
        elif response.status_code in (302, 303) and form.single_use:
            created = {
                **counts_before,
                form.creates: counts_before[form.creates] + 1,
                "form_submissions": counts_before["form_submissions"] + 1,
            }
            assert counts_after in (created, counts_before), "one row and its token, or nothing when sent again"
        elif response.status_code in (201, 302, 303) and form.creates:
            grown = (form.creates, *form.also_creates)
            expected = {**counts_before, **{table: counts_before[table] + 1 for table in grown}}
            expected.update(
                {table: counts_after[table] for table in form.links if counts_after[table] <= expected[table] + 1}
            )
            assert counts_after == expected or (form.may_add_nothing and counts_after == counts_before), (
                "a successful create adds exactly one row (and its companions)"
            )
        elif response.status_code in (302, 303) and form.removes:
            assert all(counts_after[table] <= count for table, count in counts_before.items()), "a delete adds rows"
        elif response.status_code in (302, 303):
            linked = {
                table: counts_after[table] for table in form.links if counts_after[table] <= counts_before[table] + 1
            }
            assert counts_after == {**counts_before, **linked}, "an edit adds or removes no rows"
        else:
            assert digest_after == digest_before, f"{response.status_code} answered, yet the database changed"

    send()
