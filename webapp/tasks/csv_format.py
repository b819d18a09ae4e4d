"""The task CSV format: what /tasks/export.csv writes and /tasks/import reads back.

UTF-8 (a byte-order mark is accepted on import), a header row, ISO dates.
A task's list is its name (empty on import: the Inbox), its labels their names
separated by semicolons, its priority a word (none, low, medium, high, urgent).
A repeating task has its rule as an RFC 5545 RRULE (FREQ=WEEKLY;BYDAY=MO,TH) and
repeat_from "due_date" or "completion" (empty: due_date).
Cells that a spreadsheet would run as a formula (starting with = + - @, a tab
or a carriage return) are written with a leading apostrophe, as OWASP
recommends; the import takes that apostrophe off again, so a file round-trips.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

from ..crud.errors import InvalidRecurrence
from ..crud.recurring import checked_rule
from ..models import LABEL_NAME_MAX, LIST_NAME_MAX, Priority, Task, TaskStatus
from .forms import TaskFieldsForm as TaskForm

COLUMNS = (
    "id",
    "title",
    "description",
    "status",
    "due_date",
    "created_at",
    "updated_at",
    "completed_at",
    "list",
    "labels",
    "priority",
    "recurrence",
    "repeat_from",
)
IMPORTED_COLUMNS = ("title", "description", "status", "due_date", "priority")
LABEL_SEPARATOR = ";"
REPEAT_FROM = ("due_date", "completion")
IMPORT_MAX_ROWS = 5000
EXPORT_CHUNK_ROWS = 500

# Also escapes cells already starting with apostrophes before a trigger, so unescaping is exact.
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def escape_cell(value: str) -> str:
    return "'" + value if FORMULA_START.match(value) else value


def unescape_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and FORMULA_START.match(value, 1) else value


def export_lines(tasks: Iterable[Task]) -> Iterator[str]:
    """The CSV text of these tasks, in chunks of rows so a long export streams."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for number, task in enumerate(tasks, start=1):
        writer.writerow(_row(task))
        if number % EXPORT_CHUNK_ROWS == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def read_import(data: bytes) -> tuple[list[dict[str, Any]], list[str]]:
    """The tasks in an uploaded CSV file, or the problems with it, each naming its line.

    Every row is checked with the same rules as the task form; the caller
    imports nothing unless there are no problems at all.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [], [f"The file is not UTF-8 text (byte {error.start + 1}). Save it as “CSV UTF-8” and try again."]
    nul = text.find("\0")
    if nul >= 0:  # PostgreSQL cannot store it in text, and no real CSV has one
        line = text.count("\n", 0, nul) + 1
        return [], [f"Line {line}: the file contains a NUL character."]
    # Strict: a quote that is never closed, or a stray one after a closing quote, is an error rather
    # than a cell that silently swallows the rows after it.
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        errors = _header_errors(reader.fieldnames)
        return ([], errors) if errors else _read_rows(reader)
    except MalformedCsv as malformed:
        return [], [str(malformed)]
    except csv.Error as error:  # in the header
        return [], [str(MalformedCsv(error, 1))]


class MalformedCsv(Exception):
    """The CSV text itself is broken; says on which line the broken record starts."""

    def __init__(self, error: csv.Error, start: int) -> None:
        super().__init__(
            f"Line {start}: the CSV is malformed from here on ({error}). Check the quotes: a cell that "
            'starts with a quote (") must end with one, and a quote inside a cell is written twice ("").'
        )


def _header_errors(header: Sequence[str] | None) -> list[str]:
    if not header:
        return ["The file is empty: it needs a header row such as " + ",".join(COLUMNS) + "."]
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        return [f"Line 1: unknown column(s) {', '.join(map(repr, unknown))}; the columns are {', '.join(COLUMNS)}."]
    if len(set(header)) != len(header):
        return ["Line 1: a column appears twice."]
    if "title" not in header:
        return ["Line 1: the header needs a title column."]
    return []


def _read_rows(reader: "csv.DictReader[str]") -> tuple[list[dict[str, Any]], list[str]]:
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    for line, record in _records_by_line(reader):
        if len(rows) + len(errors) >= IMPORT_MAX_ROWS:
            return [], [f"The file has more than {IMPORT_MAX_ROWS} tasks; split it into smaller files."]
        if None in record:
            errors.append(f"Line {line}: more cells than the header has columns.")
            continue
        form = TaskForm(formdata=_form_data(record), meta={"csrf": False})
        place = _place(record)
        problems = _row_problems(record, place)
        valid = form.validate()
        repeat, repeat_problems = _repeat(record, form.due_date.data)
        problems += repeat_problems
        if valid and not problems:
            rows.append({name: form[name].data for name in IMPORTED_COLUMNS} | place | repeat)
        else:
            errors += [
                f"Line {line}: {form[name].label.text}: {message}"
                for name, messages in form.errors.items()
                for message in messages
            ] + [f"Line {line}: {problem}" for problem in problems]
    if not rows and not errors:
        errors.append("The file has a header but no tasks.")
    return rows, errors


def _records_by_line(reader: "csv.DictReader[str]") -> Iterator[tuple[int, dict[str | Any, str | Any]]]:
    """Each record with the line it starts on (a quoted cell may span lines); MalformedCsv names
    the line where a broken record starts, not where the reader gave up."""
    start = reader.line_num + 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as error:
        raise MalformedCsv(error, start) from error


def _form_data(record: dict[str | Any, str | Any]) -> MultiDict[str, str]:
    values = {name: unescape_cell(record.get(name) or "") for name in IMPORTED_COLUMNS}
    values["status"] = values["status"] or TaskStatus.PENDING.value
    # A word that names no priority is reported by _row_problems; the form is given none.
    values["priority"] = str(int(Priority.__members__.get(_priority_word(record), Priority.NONE)))
    return MultiDict(values)


def _priority_word(record: dict[str, Any]) -> str:
    return (record.get("priority") or "").strip().upper() or Priority.NONE.name


def _place(record: dict[str, Any]) -> dict[str, Any]:
    """The list and labels a row names, by name."""
    labels = unescape_cell(record.get("labels") or "").split(LABEL_SEPARATOR)
    return {
        "list": unescape_cell(record.get("list") or "").strip(),
        "labels": [name.strip() for name in labels if name.strip()],
    }


def _repeat(record: dict[str, Any], due_date: date | None) -> tuple[dict[str, Any], list[str]]:
    """How the row's task repeats, as crud.import_tasks takes it, and what is wrong with it."""
    text = unescape_cell(record.get("recurrence") or "").strip()
    repeat_from = (record.get("repeat_from") or "").strip() or REPEAT_FROM[0]
    problems = [] if repeat_from in REPEAT_FROM else [f"Repeat from: use one of {', '.join(REPEAT_FROM)}."]
    try:
        recurrence = checked_rule(text, due_date)
    except InvalidRecurrence as invalid:
        return {}, [*problems, f"Recurrence: {invalid}"]
    return {"recurrence": recurrence, "repeat_from_completion": repeat_from == REPEAT_FROM[1]}, problems


def _row_problems(record: dict[str, Any], place: dict[str, Any]) -> list[str]:
    """What is wrong with the row's priority, list and labels."""
    problems = []
    if _priority_word(record) not in Priority.__members__:
        problems.append(f"Priority: use one of {', '.join(priority.name.lower() for priority in Priority)}.")
    if len(place["list"]) > LIST_NAME_MAX:
        problems.append(f"List: a list name has at most {LIST_NAME_MAX} characters.")
    problems += [
        f"Labels: “{name[:20]}…” is longer than {LABEL_NAME_MAX} characters."
        for name in place["labels"]
        if len(name) > LABEL_NAME_MAX
    ]
    return problems


def _row(task: Task) -> list[str]:
    return [
        str(task.id),
        escape_cell(task.title),
        escape_cell(task.description or ""),
        task.status.value,
        task.due_date.isoformat() if task.due_date else "",
        task.created_at.isoformat(timespec="seconds"),
        task.updated_at.isoformat(timespec="seconds"),
        task.completed_at.isoformat(timespec="seconds") if task.completed_at else "",
        escape_cell(task.task_list.name),
        escape_cell(LABEL_SEPARATOR.join(label.name for label in task.labels)),
        task.priority.name.lower(),
        task.recurrence or "",
        (REPEAT_FROM[1] if task.repeat_from_completion else REPEAT_FROM[0]) if task.recurrence else "",
    ]


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
