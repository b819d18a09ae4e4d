"""The task CSV format: what /tasks/export.csv writes and /tasks/import reads back.

UTF-8 (a byte-order mark is accepted on import), a header row, ISO dates.
Cells that a spreadsheet would run as a formula (starting with = + - @, a tab
or a carriage return) are written with a leading apostrophe, as OWASP
recommends; the import takes that apostrophe off again, so a file round-trips.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from werkzeug.datastructures import MultiDict

from ..models import Task, TaskStatus
from .forms import TaskForm

COLUMNS = ("id", "title", "description", "status", "due_date", "created_at", "updated_at", "completed_at")
IMPORTED_COLUMNS = ("title", "description", "status", "due_date")
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
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        errors = _header_errors(reader.fieldnames)
        return ([], errors) if errors else _read_rows(reader)
    except csv.Error as error:
        return [], [f"Line {reader.line_num}: {error}."]


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
    first_line = reader.line_num + 1
    for record in reader:
        if len(rows) + len(errors) >= IMPORT_MAX_ROWS:
            return [], [f"The file has more than {IMPORT_MAX_ROWS} tasks; split it into smaller files."]
        line, first_line = first_line, reader.line_num + 1
        if None in record:
            errors.append(f"Line {line}: more cells than the header has columns.")
            continue
        form = TaskForm(formdata=_form_data(record), meta={"csrf": False})
        if form.validate():
            rows.append({name: form[name].data for name in IMPORTED_COLUMNS})
        else:
            errors += [
                f"Line {line}: {form[name].label.text}: {message}"
                for name, messages in form.errors.items()
                for message in messages
            ]
    if not rows and not errors:
        errors.append("The file has a header but no tasks.")
    return rows, errors


def _form_data(record: dict[str | Any, str | Any]) -> MultiDict[str, str]:
    values = {name: unescape_cell(record.get(name) or "") for name in IMPORTED_COLUMNS}
    values["status"] = values["status"] or TaskStatus.PENDING.value
    return MultiDict(values)


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
    ]


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
