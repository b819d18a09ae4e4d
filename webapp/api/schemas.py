"""The API's request and response shapes, declared once.

Spectree validates requests and responses against these models and builds
/api/v1/openapi.json from them. Requests are strict: unknown fields are
rejected, numbers and booleans are not guessed from strings, and text obeys the
same limits as the forms.
"""

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from ..crud import items as item_lists
from ..crud import task_query
from ..crud.common import MAX_PER_PAGE
from ..crud.reminders import DAYS_BEFORE_MAX
from ..models import (
    DESCRIPTION_MAX,
    EMAIL_MAX,
    ID_MAX,
    LABEL_COLOURS,
    LABEL_NAME_MAX,
    LIST_NAME_MAX,
    RECURRENCE_MAX,
    TITLE_MAX,
    EventKind,
    Priority,
    TaskStatus,
)
from ..passwords import PASSWORD_MAX, PASSWORD_MIN, password_problem

# Paging bounds: a page holds at most MAX_PER_PAGE rows, as everywhere; offsets are bounded so a
# huge number is a 422, not a database overflow.
MAX_PAGE = 1_000_000
MAX_SKIP = MAX_PAGE * MAX_PER_PAGE
SEARCH_MAX = TITLE_MAX


def as_utc(value: datetime) -> datetime:
    """The database keeps naive UTC; the API says so explicitly (RFC 3339 with an offset)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=DESCRIPTION_MAX)]
Email = Annotated[EmailStr, Field(max_length=EMAIL_MAX)]
Password = Annotated[str, Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)]
UtcDateTime = Annotated[datetime, AfterValidator(as_utc)]


def stripped_name(value: str) -> str:
    """A name without its surrounding spaces, which must leave something."""
    if not value.strip():
        raise ValueError("The name cannot be blank.")
    return value.strip()


# The length is checked as sent, as openapi.json says, and the spaces around are then taken off.
ListName = Annotated[str, StringConstraints(min_length=1, max_length=LIST_NAME_MAX), AfterValidator(stripped_name)]
LabelName = Annotated[str, StringConstraints(min_length=1, max_length=LABEL_NAME_MAX), AfterValidator(stripped_name)]
Colour = Literal[LABEL_COLOURS]  # type: ignore[valid-type]
Id = Annotated[StrictInt, Field(ge=1, le=ID_MAX)]
PRIORITY_HELP = "0 none, 1 low, 2 medium, 3 high, 4 urgent."
PriorityNumber = Annotated[StrictInt, Field(ge=min(Priority), le=max(Priority), description=PRIORITY_HELP)]


def iso_date_text(value: object) -> str:
    """Only `YYYY-MM-DD` text is a date: pydantic alone would also read 0 as 1970-01-01."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return value
    raise ValueError("Use a date written as YYYY-MM-DD.")


IsoDate = Annotated[date, BeforeValidator(iso_date_text)]


def user_id_of(value: Any) -> Any:
    """A task's assignee as the API writes it: the person's user id."""
    return getattr(value, "id", value)


ASSIGNEES_HELP = "The user ids of the members of the task's list it is assigned to."
UserId = Annotated[int, BeforeValidator(user_id_of)]


def integral_number(value: Any) -> Any:
    """JSON has one number type: 256.0 is the integer 256 (256.5, "256" and true stay refused)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


JsonInt = Annotated[StrictInt, BeforeValidator(integral_number)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


Listed = TypeVar("Listed", bound=Output)


# Errors -------------------------------------------------------------------------------------


class Message(BaseModel):
    detail: str = Field(examples=["Task not found"])


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="Where the bad value is: the field name, or a path into it.")
    msg: str
    type: str


class FieldErrors(BaseModel):
    """Every field that was wrong, each with a message; nothing was stored."""

    detail: list[FieldError]


# Query strings ------------------------------------------------------------------------------


class Paging(Strict):
    """Either `page`/`per_page` or the tutorial's `skip`/`limit`; at most 100 rows at a time."""

    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int | None = Field(None, ge=1, le=MAX_PER_PAGE)
    skip: int | None = Field(None, ge=0, le=MAX_SKIP)
    limit: int | None = Field(None, ge=1, le=MAX_PER_PAGE)

    def crud_args(self) -> dict[str, Any]:
        """The paging arguments of a crud list function; without a page size, the list's default applies."""
        per_page = self.limit or self.per_page
        return {"page": self.page, "skip": self.skip, **({"per_page": per_page} if per_page else {})}


def sort_values(columns: Iterable[str]) -> Any:
    """The sorts a list accepts: each column, ascending or with a leading "-" descending."""
    return Literal[tuple(prefix + column for column in columns for prefix in ("", "-"))]


if TYPE_CHECKING:  # Literal types built at run time; to a type checker, the strings they are
    TaskSort = str
    ItemSort = str
else:
    TaskSort = sort_values(task_query.SORT_COLUMNS)
    ItemSort = sort_values(item_lists.SORT_COLUMNS)


class SearchQuery(Paging):
    q: str | None = Field(None, max_length=SEARCH_MAX, description="Words in the title or description.")


class ItemQuery(SearchQuery):
    sort: ItemSort = item_lists.DEFAULT_SORT


class TaskQuery(SearchQuery):
    """The filters of the task list page; `status`, `label` and `priority` may be given several times
    (tasks with all the labels, with any of the priorities)."""

    status: list[TaskStatus] = []
    due: task_query.Due = task_query.Due.ANY
    list_id: int | None = Field(None, alias="list", ge=1, le=ID_MAX, description="Only the tasks of this list.")
    label: list[Annotated[int, Field(ge=1, le=ID_MAX)]] = Field([], max_length=MAX_PER_PAGE)
    priority: list[Annotated[int, Field(ge=min(Priority), le=max(Priority))]] = Field(
        [], max_length=len(Priority), description=PRIORITY_HELP
    )
    assignee: str | None = Field(
        None,
        pattern=r"^(me|[0-9]{1,10})$",
        description="Only the tasks assigned to this person: `me`, or a user id.",
    )
    sort: TaskSort = task_query.DEFAULT_SORT


class ListPage(BaseModel, Generic[Listed]):
    """One page of a list, and how many rows the whole list has. Each list names its own subclass,
    so that the OpenAPI description calls it by name (TaskPage, ItemPage, UserPage)."""

    items: list[Listed]
    total: int


# Users --------------------------------------------------------------------------------------


class UserCreate(Strict):
    email: Email
    password: Password
    is_admin: StrictBool = False

    @field_validator("password")
    @classmethod
    def password_meets_the_rules(cls, password: str, info: ValidationInfo) -> str:
        """The same rules as the registration form: no common password, not the email."""
        problem = password_problem(password, info.data.get("email"))
        if problem:
            raise ValueError(problem)
        return password


# In the partial updates, a field left out keeps its value; null is accepted only where it means
# "clear this" (an optional description or due date). Elsewhere the default None only marks a field
# left out, never a value a client may send: pydantic refuses null for it, and the type says so, at
# the cost of telling mypy the default is deliberate.


class UserUpdate(Strict):
    email: Email = None  # type: ignore[assignment]
    is_active: StrictBool = None  # type: ignore[assignment]
    is_admin: StrictBool = None  # type: ignore[assignment]


# Items --------------------------------------------------------------------------------------


class ItemCreate(Strict):
    title: Title
    description: Description | None = None


class ItemUpdate(Strict):
    title: Title = None  # type: ignore[assignment]
    description: Description | None = None


class Item(Output):
    id: int
    title: str
    description: str | None
    owner_id: int
    created_at: UtcDateTime
    updated_at: UtcDateTime


class ItemPage(ListPage[Item]):
    pass


class User(Output):
    id: int
    email: str
    is_active: bool
    is_admin: bool
    # The IANA zone the person's "today" (due today, overdue) is counted in.
    time_zone: str
    created_at: UtcDateTime
    items: list[Item]


class UserPage(ListPage[User]):
    pass


# Tasks --------------------------------------------------------------------------------------


RECURRENCE_HELP = (
    "How the task repeats: an RFC 5545 RRULE such as FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH (see the README); "
    "null: it does not repeat. A repeating task needs a due_date."
)
Recurrence = Annotated[str | None, Field(max_length=RECURRENCE_MAX, description=RECURRENCE_HELP)]
REPEAT_FROM_HELP = "Whether the next occurrence is counted from the completion date rather than the due date."


class TaskCreate(Strict):
    title: Title
    description: Description | None = None
    status: TaskStatus = TaskStatus.PENDING
    due_date: IsoDate | None = None
    list_id: Id | None = Field(None, description="One of your lists; your Inbox when left out.")
    priority: PriorityNumber = 0
    label_ids: list[Id] = Field([], max_length=MAX_PER_PAGE, description="Some of your labels.")
    assignees: list[Id] = Field([], max_length=MAX_PER_PAGE, description=ASSIGNEES_HELP)
    recurrence: Recurrence = None
    repeat_from_completion: StrictBool = Field(False, description=REPEAT_FROM_HELP)


class TaskUpdate(Strict):
    """Only the fields sent change. `version` (or an If-Match header) guards against lost updates."""

    title: Title = None  # type: ignore[assignment]
    description: Description | None = None
    status: TaskStatus = None  # type: ignore[assignment]
    due_date: IsoDate | None = None
    list_id: Id = None  # type: ignore[assignment]
    priority: PriorityNumber = None  # type: ignore[assignment]
    label_ids: list[Id] = Field(
        None,  # type: ignore[arg-type]
        max_length=MAX_PER_PAGE,
        description="All the task's labels from now on.",
    )
    assignees: list[Id] = Field(
        None,  # type: ignore[arg-type]
        max_length=MAX_PER_PAGE,
        description="All the task's assignees from now on: " + ASSIGNEES_HELP,
    )
    recurrence: Recurrence = None
    repeat_from_completion: StrictBool = Field(None, description=REPEAT_FROM_HELP)  # type: ignore[assignment]
    scope: Literal["this", "following"] = Field(
        "following",
        description="Of a repeating task: `following` changes it and the occurrences made from it later; "
        "`this` changes it alone, making the series' next occurrence now from the task as it was.",
    )
    version: JsonInt = Field(  # type: ignore[assignment]
        None, ge=1, le=ID_MAX, description="The version the change was based on, as last read."
    )


# RFC 9110's If-Match: `*`, or a list of entity tags, weak or strong; a bare number is taken too.
IF_MATCH_SYNTAX = r'^(\*|[0-9]{1,10}|(W/)?"[\x21\x23-\x7e]*"(\s*,\s*(W/)?"[\x21\x23-\x7e]*")*)$'


class TaskUpdateHeaders(BaseModel):
    """Other headers pass through; only If-Match is part of the contract."""

    model_config = ConfigDict(extra="ignore")

    if_match: str = Field(  # type: ignore[assignment]
        None,
        alias="If-Match",
        pattern=IF_MATCH_SYNTAX,
        description='The ETag a GET returned, e.g. "3", instead of `version`; `*` changes whatever '
        'version is stored. Weak ETags (`W/"3"`) never match: If-Match compares strong ones.',
    )


class Label(Output):
    id: int
    name: str
    colour: Colour


class LabelCreate(Strict):
    name: LabelName
    colour: Colour = LABEL_COLOURS[0]


class LabelUpdate(Strict):
    name: LabelName = None  # type: ignore[assignment]
    colour: Colour = None


class Labels(BaseModel):
    items: list[Label]


class TaskList(Output):
    id: int
    name: str
    is_inbox: bool = Field(description="The Inbox cannot be deleted; tasks go there when no list is given.")
    created_at: UtcDateTime


class TaskListWrite(Strict):
    name: ListName


class TaskLists(BaseModel):
    items: list[TaskList]


class Reminder(Output):
    """One of your reminders: at `remind_at`, or `days_before` the due date at `at_time` in your time zone."""

    id: int
    remind_at: UtcDateTime | None = Field(description="The instant chosen; null for one relative to the due date.")
    days_before: int | None = Field(description="Days before the due date (0: on it); null for an instant.")
    at_time: time | None = Field(description="The time of day, in your time zone, of a relative reminder.")
    fire_at: UtcDateTime | None = Field(description="When it goes off; null while the task has no due date.")
    sent_at: UtcDateTime | None
    late: bool = Field(description="Sent late, because no scheduler was running at its time.")


class ReminderCreate(Strict):
    """Either `remind_at` (with an offset; without one, a time in your time zone), or `days_before` with
    `at_time`."""

    remind_at: datetime | None = None
    days_before: StrictInt | None = Field(default=None, ge=0, le=DAYS_BEFORE_MAX)
    at_time: time | None = None


class Task(Output):
    id: int
    title: str
    description: str | None
    status: TaskStatus
    due_date: date | None
    list_id: int
    priority: int = Field(description=PRIORITY_HELP)
    labels: list[Label]
    assignees: list[UserId] = Field(description=ASSIGNEES_HELP)
    recurrence: str | None = Field(description=RECURRENCE_HELP)
    repeat_from_completion: bool = Field(description=REPEAT_FROM_HELP)
    series_id: int | None = Field(description="The first task of the series this occurrence belongs to.")
    follows_id: int | None = Field(description="The occurrence this one was made from, when it was completed.")
    completed_at: UtcDateTime | None
    created_at: UtcDateTime
    updated_at: UtcDateTime
    owner_id: int
    version: int
    reminders: list[Reminder]


class TaskPage(ListPage[Task]):
    pass


class Author(Output):
    id: int
    email: str


class Comment(Output):
    """A comment on a task, in plain text; its author may change it in the first 15 minutes."""

    id: int
    task_id: int
    author: Author | None = Field(description="Who wrote it; null once their account is deleted.")
    body: str
    created_at: UtcDateTime
    edited_at: UtcDateTime | None = Field(description="When its author last changed it; null if never.")


class CommentPage(ListPage[Comment]):
    pass


class TaskEvent(Output):
    """One entry of a task's history. A field's change names the `field` with its `old_value` and `new_value`
    as text (statuses and priorities by their stored values, dates in ISO 8601, the list and labels by name)."""

    id: int
    task_id: int
    kind: EventKind
    actor: Author | None = Field(description="Who did it; null once their account is deleted.")
    field: str | None
    old_value: str | None
    new_value: str | None
    created_at: UtcDateTime


class TaskEventPage(ListPage[TaskEvent]):
    pass


class StaleTask(BaseModel):
    """The task changed since the version the edit was based on; `current` is what is stored."""

    detail: str
    current: Task
