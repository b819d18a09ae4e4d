"""The data model: users own items and tasks."""

import enum
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask_babel import LazyString
from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Table,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from . import clock
from .extensions import Model
from .i18n import _l

TITLE_MAX = 200
DESCRIPTION_MAX = 10_000
EMAIL_MAX = 254
TOKEN_NAME_MAX = 100
SHA256_HEX = 64
# Base32 of the 160-bit TOTP secret RFC 4226 recommends.
TOTP_SECRET_LENGTH = 32
LIST_NAME_MAX = 100
# The longest IANA zone name is 32 characters (America/Argentina/ComodRivadavia).
TIME_ZONE_MAX = 64
LABEL_NAME_MAX = 50
# The languages of the interface (webapp.i18n names them); a person may choose one on /account.
LOCALES = ("en", "de", "es")
LOCALE_MAX = 8
INBOX_NAME = "Inbox"
# The label colours people choose from; static/css/app.css gives each a chip whose text passes WCAG AA
# in light and in dark mode (tests/test_labels.py measures it).
LABEL_COLOURS = ("grey", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink")
# Ids are INTEGER columns: 32 bits on every supported database.
ID_MAX = 2**31 - 1
# The longest RRULE the task form can make is about 110 characters.
RECURRENCE_MAX = 200
# secrets.token_urlsafe(32): 43 characters.
CALENDAR_TOKEN_LENGTH = 43


def utcnow() -> datetime:
    """Naive UTC, the form every supported database stores and returns alike."""
    return datetime.now(UTC).replace(tzinfo=None)


def string_enum(values: type[enum.StrEnum], name: str) -> Enum:
    """A column of the enum's values as VARCHAR(20) with a CHECK: the same on every database."""
    return Enum(
        values,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
    )


class TaskStatus(enum.StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    @property
    def label(self) -> LazyString:
        """The status in words, in the page's language."""
        return STATUS_LABELS[self]


class ColourMode(enum.StrEnum):
    """How a person's pages look: as their system says (light or dark), or always light, or always dark."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def theme(self) -> str:
        """What base.html puts in <html data-bs-theme> (Bootstrap's colour modes). For "auto",
        css/system-dark.css applies Bootstrap's dark colours under prefers-color-scheme: dark."""
        return "auto" if self is ColourMode.SYSTEM else self.value


class Priority(enum.IntEnum):
    """How much a task matters, stored as a small integer so that sorting by it is sorting by number."""

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    URGENT = 4

    @property
    def label(self) -> LazyString:
        """The priority in words, in the page's language."""
        return PRIORITY_LABELS[self]

    @property
    def is_pressing(self) -> bool:
        """High and Urgent, which the pages mark in text and colour."""
        return self >= Priority.HIGH


STATUS_LABELS = {
    TaskStatus.PENDING: _l("Pending"),
    TaskStatus.IN_PROGRESS: _l("In progress"),
    TaskStatus.COMPLETED: _l("Completed"),
}
PRIORITY_LABELS = {
    Priority.NONE: _l("None"),
    Priority.LOW: _l("Low"),
    Priority.MEDIUM: _l("Medium"),
    Priority.HIGH: _l("High"),
    Priority.URGENT: _l("Urgent"),
}


class PriorityType(TypeDecorator[Priority]):
    """A Priority in a SMALLINT column, read back as the enum."""

    impl = SmallInteger
    cache_ok = True

    def process_bind_param(self, value: int | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Priority | None:
        return None if value is None else Priority(value)


# The statuses of work still to do; only these can be overdue.
OPEN_STATUSES = tuple(status for status in TaskStatus if status is not TaskStatus.COMPLETED)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now(), onupdate=utcnow)


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Emails are stored lower-cased, so the database compares them exactly: on
    # MariaDB/MySQL a binary collation, or "josé" and "jose" would be one address.
    email: Mapped[str] = mapped_column(
        String(EMAIL_MAX).with_variant(String(EMAIL_MAX, collation="utf8mb4_bin"), "mysql", "mariadb"),
        unique=True,
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    # Part of every session's identity: raising it ends all the user's sessions at once.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # When the person followed a link sent to their current email; None until then.
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Two-factor login: the TOTP secret is set at enrolment and counts only once confirmed by a code.
    totp_secret: Mapped[str | None] = mapped_column(String(TOTP_SECRET_LENGTH))
    two_factor_enabled_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The last TOTP time step accepted: a code of that step or an earlier one is refused (no replay).
    totp_last_step: Mapped[int | None] = mapped_column()
    # An IANA zone name: the person's "today", and the times they are shown, are in it.
    time_zone: Mapped[str] = mapped_column(
        String(TIME_ZONE_MAX), default=clock.DEFAULT_ZONE, server_default=clock.DEFAULT_ZONE
    )
    # Whether notifications are emailed too (they always appear under the bell).
    email_notifications: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # The daily digest: the local time it comes at (None: no digest), and the UTC instant of the next one.
    digest_time: Mapped[time | None] = mapped_column(Time)
    digest_due_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    # The secret in the address of the person's calendar feed (/calendar/<token>.ics); None until made.
    calendar_token: Mapped[str | None] = mapped_column(String(CALENDAR_TOKEN_LENGTH), unique=True)
    # The language the person chose for the pages (one of LOCALES); None follows their browser's.
    locale: Mapped[str | None] = mapped_column(String(LOCALE_MAX))
    colour_mode: Mapped[ColourMode] = mapped_column(
        string_enum(ColourMode, "colour_mode"), default=ColourMode.SYSTEM, server_default=ColourMode.SYSTEM.value
    )

    task_lists: Mapped[list["TaskList"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    items: Mapped[list["Item"]] = relationship(
        back_populates="owner",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Item.id",
    )

    @property
    def zone(self) -> ZoneInfo:
        return clock.zone(self.time_zone)

    def today(self) -> date:
        """The calendar day it is now where this person lives."""
        return clock.today(self.zone)

    @property
    def two_factor_enabled(self) -> bool:
        return self.two_factor_enabled_at is not None

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def get_id(self) -> str:
        """What a session stores to identify its user (Flask-Login)."""
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class Item(TimestampMixin, Model):
    __tablename__ = "items"
    __table_args__ = (Index("ix_items_owner_id_id", "owner_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))

    owner: Mapped[User] = relationship(back_populates="items")


def name_key(name: str) -> str:
    """What makes two list or label names the same: letter case does not (stored, so every database agrees)."""
    return name.strip().casefold()


class ListRole(enum.StrEnum):
    """What a member of a list may do there; each role may do everything the one before it may."""

    VIEWER = "viewer"
    EDITOR = "editor"
    OWNER = "owner"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    def allows(self, needed: "ListRole") -> bool:
        order = list(ListRole)
        return order.index(self) >= order.index(needed)

    @property
    def may_edit(self) -> bool:
        """Whether this role changes tasks (the pages show edit controls)."""
        return self.allows(ListRole.EDITOR)

    @property
    def may_manage(self) -> bool:
        """Whether this role renames and deletes the list and manages its members."""
        return self.allows(ListRole.OWNER)


class TaskList(Model):
    """A list (project) of tasks; every task is in exactly one, and every account has an Inbox.

    `owner_id` is the account the list's tasks are stored under (who created it, or the owner it
    passed to); who may see and change the list is its membership (ListMember), where the creator
    is the first owner.
    """

    __tablename__ = "task_lists"
    __table_args__ = (UniqueConstraint("owner_id", "name_key", name="uq_task_lists_owner_id_name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(LIST_NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(LIST_NAME_MAX))
    is_inbox: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())

    owner: Mapped[User] = relationship(lazy="raise", viewonly=True)
    members: Mapped[list["ListMember"]] = relationship(lazy="raise", cascade="all, delete-orphan", passive_deletes=True)

    def __repr__(self) -> str:
        return f"<TaskList {self.id} {self.name!r}>"


class ListMember(Model):
    """A person's role in a list: the one fact every access decision about the list and its tasks reads."""

    __tablename__ = "list_members"
    # "The lists this person is a member of" reads from the user's side.
    __table_args__ = (Index("ix_list_members_user_id_list_id", "user_id", "list_id"),)

    list_id: Mapped[int] = mapped_column(ForeignKey("task_lists.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[ListRole] = mapped_column(string_enum(ListRole, "list_role"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())

    user: Mapped[User] = relationship(lazy="raise")


class Label(Model):
    """A tag a person puts on tasks, shown as a chip in one of the palette's colours."""

    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("owner_id", "name_key", name="uq_labels_owner_id_name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(LABEL_NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(LABEL_NAME_MAX))
    colour: Mapped[str] = mapped_column(String(20))

    def __repr__(self) -> str:
        return f"<Label {self.id} {self.name!r}>"


task_labels = Table(
    "task_labels",
    Model.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("label_id", ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True),
    # "Tasks carrying this label" reads from the label's side.
    Index("ix_task_labels_label_id_task_id", "label_id", "task_id"),
)


# The members of its list a task is assigned to; a pair is stored once, however many assign it at once.
task_assignees = Table(
    "task_assignees",
    Model.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    # "Tasks assigned to this person" reads from the person's side.
    Index("ix_task_assignees_user_id_task_id", "user_id", "task_id"),
)


class Task(TimestampMixin, Model):
    __tablename__ = "tasks"
    # Every list query starts with "this owner's live (or trashed) tasks", so every index does too.
    __table_args__ = (
        # Ending with the id, the tie-break of every order, lets the default order's page be read
        # from the index alone; with the list too, also when only some of the owner's lists are seen.
        Index(
            "ix_tasks_owner_id_deleted_at_created_at_id_list_id",
            "owner_id",
            "deleted_at",
            "created_at",
            "id",
            "list_id",
        ),
        Index("ix_tasks_owner_id_deleted_at_due_date", "owner_id", "deleted_at", "due_date"),
        Index("ix_tasks_owner_id_deleted_at_status_due_date", "owner_id", "deleted_at", "status", "due_date"),
        Index("ix_tasks_deleted_at", "deleted_at"),
        # A list's page (its rows, its counts) and its board's open columns, each within the owner's range.
        Index(
            "ix_tasks_owner_id_list_id_deleted_at_created_at_id",
            "owner_id",
            "list_id",
            "deleted_at",
            "created_at",
            "id",
        ),
        Index(
            "ix_tasks_owner_id_list_id_deleted_at_status_due_date",
            "owner_id",
            "list_id",
            "deleted_at",
            "status",
            "due_date",
        ),
        Index(
            "ix_tasks_owner_id_list_id_deleted_at_status_priority",
            "owner_id",
            "list_id",
            "deleted_at",
            "status",
            "priority",
            "created_at",
            "id",
        ),
        # The foreign key's own index (MariaDB would make one otherwise), which deleting a list uses too.
        Index("ix_tasks_list_id", "list_id"),
        Index("ix_tasks_series_id", "series_id"),
        # An occurrence of a repeating task has at most one next occurrence, however often (and however
        # concurrently) it is completed.
        UniqueConstraint("follows_id", name="uq_tasks_follows_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[TaskStatus] = mapped_column(
        string_enum(TaskStatus, "task_status"),
        default=TaskStatus.PENDING,
        server_default=TaskStatus.PENDING.value,
    )
    due_date: Mapped[date | None] = mapped_column(Date)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    list_id: Mapped[int] = mapped_column(ForeignKey("task_lists.id", ondelete="CASCADE"))
    priority: Mapped[Priority] = mapped_column(PriorityType, default=Priority.NONE, server_default="0")
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Set when the task is moved to the trash; trashed tasks are left out of everything but the trash.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # How the task repeats (webapp.recurrence): an RFC 5545 RRULE, stepped from the due date or, when
    # repeat_from_completion, from the day it is completed. None: it does not repeat.
    recurrence: Mapped[str | None] = mapped_column(String(RECURRENCE_MAX))
    repeat_from_completion: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The first task of its series (its own id for that one); the occurrence this one was made from.
    series_id: Mapped[int | None] = mapped_column()
    follows_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))

    owner: Mapped[User] = relationship()
    task_list: Mapped[TaskList] = relationship(lazy="raise")
    # Loaded explicitly (labels_of) for a page of tasks at once, never one task at a time by accident.
    labels: Mapped[list[Label]] = relationship(secondary=task_labels, lazy="raise", order_by=Label.name_key)
    # Loaded explicitly (crud.load_assignees) like the labels; written by crud.assignees alone.
    assignees: Mapped[list[User]] = relationship(
        secondary=task_assignees, lazy="raise", viewonly=True, order_by=User.email
    )
    reminders: Mapped[list["Reminder"]] = relationship(
        back_populates="task", lazy="raise", order_by="Reminder.id", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it as declared)

    def _is_overdue_on(self, today: date) -> bool:
        return self.status in OPEN_STATUSES and self.due_date is not None and self.due_date < today

    @classmethod
    def _overdue_on_sql(cls, today: date) -> ColumnElement[bool]:
        # Naming the open statuses, rather than "not completed", lets an index on (status, due_date)
        # find exactly the overdue tasks; a NULL due date compares as not overdue.
        return cls.status.in_(OPEN_STATUSES) & (cls.due_date < today)

    #: The one definition of overdue: open, with a due date before `today` (a task without a due date
    #: never is). `task.is_overdue_on(today)` in Python and templates, `Task.is_overdue_on(today)` in SQL.
    is_overdue_on = hybrid_method(_is_overdue_on, _overdue_on_sql)


class ApiToken(Model):
    """A personal token for the JSON API; only a hash of the secret is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TOKEN_NAME_MAX))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)

    owner: Mapped[User] = relationship()


class LinkPurpose(enum.StrEnum):
    PASSWORD_RESET = "password_reset"
    VERIFY_EMAIL = "verify_email"
    INVITATION = "invitation"


class AccountLink(Model):
    """A single-use link sent by email or handed out: password reset, email confirmation, invitation.

    Only a SHA-256 of the link's secret is stored: the secret is 32 random bytes, so the hash
    cannot be reversed, and a database leak hands out no working link.
    """

    __tablename__ = "account_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[LinkPurpose] = mapped_column(string_enum(LinkPurpose, "link_purpose"))
    token_hash: Mapped[str] = mapped_column(String(SHA256_HEX), unique=True)
    # The account a reset or confirmation is for; None for an invitation.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The address being confirmed, or the one an invitation is bound to (None: anyone holding it).
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])


class RecoveryCode(Model):
    """One of the ten single-use codes that stand in for the authenticator app; stored hashed."""

    __tablename__ = "recovery_codes"
    __table_args__ = (UniqueConstraint("user_id", "code_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(SHA256_HEX))
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class SiteSettings(Model):
    """Settings admins change on the site, in one row; a None column falls back to the environment's value."""

    __tablename__ = "site_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration: Mapped[str | None] = mapped_column(String(10))


FORM_TOKEN_MAX = 64


class FormSubmission(Model):
    """A create form that was used: its one-time token, and what it created.

    The unique (owner_id, token) key makes a form single-use even when it is posted twice at
    once: the second insert fails inside the same transaction as the second create.
    """

    __tablename__ = "form_submissions"
    __table_args__ = (UniqueConstraint("owner_id", "token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(FORM_TOKEN_MAX))
    # What the first submission created: a table name and a row id (the row may be gone since).
    created_kind: Mapped[str] = mapped_column(String(20))
    created_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())


NOTIFICATION_TEXT_MAX = 500


class Notification(Model):
    """Something a person is told: under the bell until read, and emailed unless they turned email off.

    `email_pending` makes this table the outbox too: the scheduler emails each pending row once and
    clears it in the same transaction that claimed it.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        # The bell's unread count and the page's newest-first list, each from the person's range.
        Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
        Index("ix_notifications_user_id_id", "user_id", "id"),
        Index("ix_notifications_email_pending", "email_pending"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # What it is about, e.g. "reminder", "digest", "assigned", "mention".
    kind: Mapped[str] = mapped_column(String(20))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(NOTIFICATION_TEXT_MAX))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
    email_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()
    task: Mapped[Task | None] = relationship()


COMMENT_MAX = 10_000


class Comment(Model):
    """A member's remark on a task, in plain text. It outlives its author's account: `author_id` is then None
    and the page says "a deleted account"."""

    __tablename__ = "comments"
    # A task's comments in the order they were written, from the task's range.
    __table_args__ = (Index("ix_comments_task_id_id", "task_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())
    edited_at: Mapped[datetime | None] = mapped_column(DateTime)

    # Loaded with the comments (crud.comments), never one author at a time by accident.
    author: Mapped[User | None] = relationship(lazy="raise")


class Reminder(Model):
    """A person's reminder of a task: at an instant they chose, or relative to the task's due date
    ("1 day before at 18:00", in their time zone). It is theirs alone: anyone who sees the task may set
    one, only they see it, and it goes to them while they can still see the task.

    `fire_at` is the UTC instant it goes off, kept current when the due date or the zone changes
    (None while a relative reminder's task has no due date); the scheduler sends it once and sets
    `sent_at`, and `late` when no scheduler was running at `fire_at`.
    """

    __tablename__ = "reminders"
    # What the scheduler asks: unsent, due by now, oldest first.
    __table_args__ = (Index("ix_reminders_sent_at_fire_at", "sent_at", "fire_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # An instant (naive UTC) the person chose ...
    remind_at: Mapped[datetime | None] = mapped_column(DateTime)
    # ... or days before the due date (0: on it) at a local time of day.
    days_before: Mapped[int | None] = mapped_column(SmallInteger)
    at_time: Mapped[time | None] = mapped_column(Time)
    fire_at: Mapped[datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())

    task: Mapped[Task] = relationship(back_populates="reminders")
    # Loaded with the reminders that need the person's zone, never one reminder at a time by accident.
    user: Mapped[User] = relationship(lazy="raise")

    @property
    def is_relative(self) -> bool:
        return self.days_before is not None


class EventKind(enum.StrEnum):
    """What happened to a task, as its history tells it."""

    CREATED = "created"
    CHANGED = "changed"
    MOVED = "moved"
    COMPLETED = "completed"
    REOPENED = "reopened"
    LABELLED = "labelled"
    UNLABELLED = "unlabelled"
    DELETED = "deleted"
    RESTORED = "restored"
    ASSIGNED = "assigned"
    UNASSIGNED = "unassigned"


# The longest name of a task's field a history event names (repeat_from_completion).
EVENT_FIELD_MAX = 30


class TaskEvent(Model):
    """One entry of a task's history: who did what to it, and when; written with the change, never edited.

    A field's change keeps the `field` name and its old and new values as text (enums by their stored
    value, dates in ISO 8601, lists and labels by their names then). The actor is None once their
    account is deleted: what they did stays in the history.
    """

    __tablename__ = "task_events"
    # A task's history, newest first, from the task's range; the actor's, for deleting an account.
    __table_args__ = (
        Index("ix_task_events_task_id_id", "task_id", "id"),
        Index("ix_task_events_actor_id", "actor_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # No CHECK constraint: a new kind of event needs no migration.
    kind: Mapped[EventKind] = mapped_column(
        Enum(
            EventKind,
            name="event_kind",
            native_enum=False,
            create_constraint=False,
            length=20,
            values_callable=lambda members: [member.value for member in members],
        )
    )
    field: Mapped[str | None] = mapped_column(String(EVENT_FIELD_MAX))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.now())

    task: Mapped[Task] = relationship()
    actor: Mapped[User | None] = relationship(lazy="raise")
