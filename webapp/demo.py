"""Demo data for `flask seed-demo`: many realistic users, items and tasks, written in bulk.

Rows go in through SQLAlchemy Core `insert()` with lists of parameter dicts
(one executemany per batch), not one ORM object at a time: building and
flushing 100,000 ORM objects is an order of magnitude slower. The one demo
password is hashed once and the hash is shared by every demo account.
"""

import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, insert, literal, select, update

from .crud.members import add_creators_as_owners
from .extensions import Model, db
from .models import (
    DESCRIPTION_MAX,
    INBOX_NAME,
    LABEL_COLOURS,
    TITLE_MAX,
    EventKind,
    Item,
    Label,
    Task,
    TaskEvent,
    TaskList,
    TaskStatus,
    User,
    name_key,
    task_labels,
    utcnow,
)
from .passwords import hash_password

DEMO_PASSWORD = "taskboard-demo"
BATCH_ROWS = 5_000
MINUTES_PER_YEAR = 525_600

WORDS = [
    "plan",
    "review",
    "call",
    "email",
    "draft",
    "fix",
    "ship",
    "write",
    "read",
    "book",
    "pay",
    "order",
    "clean",
    "water",
    "paint",
    "report",
    "budget",
    "invoice",
    "meeting",
    "garden",
    "kitchen",
    "server",
    "backup",
    "release",
    "test",
    "design",
    "groceries",
    "dentist",
    "car",
    "insurance",
    "taxes",
    "holiday",
    "tickets",
    "birthday",
    "present",
    "laptop",
]
HTML_LOOKING = (
    "<b>bold</b> claims & <i>italics</i>",
    "<script>alert('not run')</script>",
    'a <a href="https://example.com">link</a> that stays text',
    "5 < 6 && 7 > 3",
)
# Weighted so lists look lived-in: most tasks open, a good share done.
STATUS_WEIGHTS = {TaskStatus.PENDING: 5, TaskStatus.IN_PROGRESS: 2, TaskStatus.COMPLETED: 3}


class DemoDataPresent(Exception):
    """The database already holds demo accounts, whose emails would clash."""


def _table(model: type[Model]) -> Table:
    """The model's table, for Core inserts of plain rows."""
    return cast(Table, model.__table__)


def demo_email(number: int) -> str:
    return f"demo{number}@example.com"


def seed_demo(
    users: int,
    tasks_per_user: int,
    items_per_user: int,
    seed: int = 0,
    on_progress: Callable[[int], None] = lambda rows: None,
) -> int:
    """Insert the demo data in one transaction and return the number of rows written.

    demo1@example.com is an admin; every account logs in with DEMO_PASSWORD.
    `on_progress` is called with the number of rows of each batch written.
    """
    if db.session.execute(select(func.count()).where(User.email == demo_email(1))).scalar():
        raise DemoDataPresent("Demo data is already present in this database; seed an empty one.")
    rng = random.Random(seed)
    now = utcnow().replace(microsecond=0)
    password_hash = hash_password(DEMO_PASSWORD)
    after_task_id, tasks_written = _newest_task_id(), 0
    written = 0
    for first in range(1, users + 1, BATCH_ROWS):
        numbers = range(first, min(first + BATCH_ROWS, users + 1))
        owner_ids = _insert_users(numbers, password_hash, rng, now)
        written += len(owner_ids)
        on_progress(len(owner_ids))
        for table, rows in (
            (_table(Item), _item_rows(owner_ids, items_per_user, rng, now)),
            (_table(Task), _task_rows(owner_ids, tasks_per_user, rng, now)),
        ):
            for batch in _batched(rows):
                db.session.execute(insert(table), batch)
                written += len(batch)
                tasks_written += len(batch) if table is _table(Task) else 0
                on_progress(len(batch))
    recorded = _record_creations(after_task_id, tasks_written)
    on_progress(recorded)
    db.session.commit()
    return written + recorded


def add_demo_tasks(owner_id: int, count: int, seed: int = 0) -> int:
    """Give one account `count` more demo tasks, e.g. to try a very long task list."""
    written, after_task_id = 0, _newest_task_id()
    for batch in _batched(_task_rows([owner_id], count, random.Random(seed), utcnow().replace(microsecond=0))):
        db.session.execute(insert(_table(Task)), batch)
        written += len(batch)
    written += _record_creations(after_task_id, written)
    db.session.commit()
    return written


def _newest_task_id() -> int:
    return db.session.scalar(select(func.coalesce(func.max(Task.id), 0))) or 0


def _record_creations(after_task_id: int, count: int) -> int:
    """The history of the `count` demo tasks just written (ids above `after_task_id`) starts as a real
    task's does, with its owner creating it: one statement for all of them. Returns `count`, the rows written."""
    created = select(Task.id, Task.owner_id, literal(EventKind.CREATED.value), Task.created_at).where(
        Task.id > after_task_id
    )
    db.session.execute(insert(_table(TaskEvent)).from_select(["task_id", "actor_id", "kind", "created_at"], created))
    return count


def organise_demo_tasks(owner_id: int, lists: int, labels: int) -> None:
    """Spread one account's tasks evenly over its Inbox and `lists - 1` new lists, and give each task one of
    `labels` new labels (every seventh task a second one), in a few set-based statements."""
    db.session.execute(
        insert(_table(TaskList)),
        [
            {"owner_id": owner_id, "name": f"Demo list {n}", "name_key": name_key(f"Demo list {n}")}
            for n in range(1, lists)
        ],
    )
    db.session.execute(
        insert(_table(Label)),
        [
            {
                "owner_id": owner_id,
                "name": f"demo-{n}",
                "name_key": f"demo-{n}",
                "colour": LABEL_COLOURS[n % len(LABEL_COLOURS)],
            }
            for n in range(labels)
        ],
    )
    add_creators_as_owners([owner_id])
    list_ids = db.session.scalars(select(TaskList.id).where(TaskList.owner_id == owner_id).order_by(TaskList.id)).all()
    label_ids = db.session.scalars(select(Label.id).where(Label.owner_id == owner_id).order_by(Label.id)).all()
    owned = Task.owner_id == owner_id
    for number, list_id in enumerate(list_ids):
        db.session.execute(update(Task).where(owned, Task.id % len(list_ids) == number).values(list_id=list_id))
    for number, label_id in enumerate(label_ids):
        # One label each, and every seventh task a second one.
        second = (Task.id % 7 == 0) & ((Task.id // 7) % len(label_ids) == (number + 1) % len(label_ids))
        for chosen in (Task.id % len(label_ids) == number, second):
            db.session.execute(
                insert(task_labels).from_select(
                    ["task_id", "label_id"], select(Task.id, literal(label_id)).where(owned, chosen)
                )
            )
    db.session.commit()


def _insert_users(numbers: range, password_hash: str, rng: random.Random, now: datetime) -> list[int]:
    emails = [demo_email(number) for number in numbers]
    db.session.execute(
        insert(_table(User)),
        [
            {
                "email": email,
                "password_hash": password_hash,
                "is_admin": number == 1,
                "is_active": number == 1 or rng.random() > 0.02,
                "created_at": now - timedelta(days=30 + int(rng.random() * 900)),
                # example.com receives no mail: demo accounts count as confirmed, without the banner.
                "email_verified_at": now,
            }
            for number, email in zip(numbers, emails, strict=True)
        ],
    )
    owner_ids = list(db.session.execute(select(User.id).where(User.email.in_(emails)).order_by(User.id)).scalars())
    db.session.execute(
        insert(_table(TaskList)),
        [
            {
                "owner_id": owner_id,
                "name": INBOX_NAME,
                "name_key": name_key(INBOX_NAME),
                "is_inbox": True,
                "created_at": now,  # whole seconds like every demo time, which every database keeps exactly
            }
            for owner_id in owner_ids
        ],
    )
    add_creators_as_owners(owner_ids)
    return owner_ids


def _inbox_ids(owner_ids: list[int]) -> dict[int, int]:
    """Each owner's Inbox id: where their demo tasks go."""
    rows = db.session.execute(
        select(TaskList.owner_id, TaskList.id).where(TaskList.owner_id.in_(owner_ids), TaskList.is_inbox.is_(True))
    )
    return dict(rows.all())


def _item_rows(owner_ids: list[int], per_user: int, rng: random.Random, now: datetime) -> Iterator[dict[str, Any]]:
    texts = _TextPool(rng)
    for owner_id in owner_ids:
        for _ in range(per_user):
            created = now - timedelta(minutes=int(rng.random() * MINUTES_PER_YEAR))
            yield {
                "owner_id": owner_id,
                "title": texts.title(),
                "description": texts.description(),
                "created_at": created,
                "updated_at": created,
            }


def _task_rows(owner_ids: list[int], per_user: int, rng: random.Random, now: datetime) -> Iterator[dict[str, Any]]:
    texts = _TextPool(rng)
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    # Due dates from a year ago to a year ahead (some overdue), and 30% with none.
    due_dates = [now.date() + timedelta(days=days) for days in range(-365, 366)] + [None] * 313
    random_ = rng.random
    inboxes = _inbox_ids(owner_ids)
    for owner_id in owner_ids:
        for status in rng.choices(statuses, weights, k=per_user):
            created = now - timedelta(minutes=int(random_() * MINUTES_PER_YEAR))
            yield {
                "owner_id": owner_id,
                "list_id": inboxes[owner_id],
                "title": texts.title(),
                "description": texts.description(),
                "status": status,
                "due_date": due_dates[int(random_() * len(due_dates))],
                "created_at": created,
                "updated_at": created,
                "completed_at": created + timedelta(hours=int(random_() * 240) + 1)
                if status is TaskStatus.COMPLETED
                else None,
                "version": 1,
            }


class _TextPool:
    """Varied titles and descriptions, drawn from pools built once.

    Composing fresh text for each of 100,000 rows would cost more than writing
    the rows; a few thousand variants still make every page look different.
    """

    SIZE = 2_000

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.titles = [self._compose_title() for _ in range(self.SIZE)]
        self.descriptions = [self._compose_description() for _ in range(self.SIZE)]

    def title(self) -> str:
        return self.titles[int(self.rng.random() * self.SIZE)]

    def description(self) -> str | None:
        return self.descriptions[int(self.rng.random() * self.SIZE)]

    def _compose_title(self) -> str:
        words = " ".join(self.rng.choices(WORDS, k=self.rng.choice((1, 2, 3, 4, 8, 20))))
        if self.rng.random() < 0.05:
            words += " " + self.rng.choice(HTML_LOOKING)
        return words[:TITLE_MAX].capitalize()

    def _compose_description(self) -> str | None:
        kind = self.rng.random()
        if kind < 0.3:
            return None
        if kind < 0.4:
            return self.rng.choice(HTML_LOOKING)
        length = 6 if kind < 0.9 else 300
        return " ".join(self.rng.choices(WORDS, k=length)).capitalize()[:DESCRIPTION_MAX] + "."


def _batched(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch
