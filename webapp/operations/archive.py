"""The portable archive: every row of every table, to move between databases or keep as a backup.

Format (version 1), a zip file:

- `tables/<table>.jsonl`, one per table of the models, in foreign-key order: one JSON object per
  line and per row, in primary-key order, with every column. Dates and times are ISO 8601 strings
  (times are naive UTC, as stored), enums their stored value, binary values base64, everything else
  the JSON value it is.
- `manifest.json`, written last: `{"format": "taskboard-archive", "version": 1, "schema_revision":
  <the Alembic revision of the database>, "created_at": <ISO time>, "tables": [{"name", "file",
  "columns", "rows", "sha256"}, ...]}`; the rows and SHA-256 of every table file let a load refuse a
  truncated or altered archive before it writes anything.

Rows are streamed both ways, a batch at a time, so memory stays the same for ten rows or ten million.
"""

import base64
import enum
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Column, Connection, Table, select

FORMAT = "taskboard-archive"
VERSION = 1
MANIFEST = "manifest.json"
BATCH_ROWS = 2_000
READ_BLOCK_BYTES = 1 << 20


class ArchiveError(Exception):
    """The archive cannot be read or does not fit this database; the message says why."""


@dataclass(frozen=True)
class TableEntry:
    name: str
    file: str
    columns: list[str]
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    schema_revision: str
    created_at: str
    tables: list[TableEntry]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "schema_revision": self.schema_revision,
                "created_at": self.created_at,
                "tables": [entry.__dict__ for entry in self.tables],
            },
            indent=2,
        )


def encoder_for(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How a value of `column` becomes JSON (see the module docstring); None when it already is."""
    python_type = _python_type(column)
    if python_type is None:
        return None
    if issubclass(python_type, (datetime, date, time)):
        return lambda value: value.isoformat()
    if issubclass(python_type, enum.Enum):
        return lambda value: value.value
    if issubclass(python_type, Decimal):
        return str
    if issubclass(python_type, bytes):
        return lambda value: base64.b64encode(value).decode("ascii")
    return None


def _python_type(column: Column[Any]) -> type | None:
    try:
        return column.type.python_type
    except NotImplementedError:
        return None


def decoder_for(column: Column[Any]) -> Callable[[Any], Any] | None:
    """Turns a JSON value back into what `column` takes; the column's Python type says how."""
    python_type = _python_type(column)
    if python_type is None:
        return None
    if issubclass(python_type, datetime):
        return datetime.fromisoformat
    if issubclass(python_type, date):
        return date.fromisoformat
    if issubclass(python_type, time):
        return time.fromisoformat
    if issubclass(python_type, Decimal):
        return Decimal
    if issubclass(python_type, bytes):
        return base64.b64decode
    if issubclass(python_type, enum.Enum):
        return python_type
    return None


def write_table(connection: Connection, table: Table, archive: zipfile.ZipFile) -> TableEntry:
    """Stream `table`'s rows into the archive, in primary-key order, a batch of lines at a time."""
    name = f"tables/{table.name}.jsonl"
    digest = hashlib.sha256()
    rows = 0
    columns = [(column.name, encoder_for(column)) for column in table.columns]
    query = select(table).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=BATCH_ROWS).execute(query)
    with archive.open(name, "w", force_zip64=True) as member:
        for batch in result.partitions():
            lines = b"".join(
                json.dumps(
                    {
                        key: value if encode is None or value is None else encode(value)
                        for (key, encode), value in zip(columns, row, strict=True)
                    },
                    ensure_ascii=False,
                    sort_keys=True,
                ).encode()
                + b"\n"
                for row in batch
            )
            member.write(lines)
            digest.update(lines)
            rows += len(batch)
    return TableEntry(table.name, name, columns=[key for key, _ in columns], rows=rows, sha256=digest.hexdigest())


def write_archive(
    connection: Connection, tables: list[Table], revision: str, created_at: datetime, out: IO[bytes]
) -> Manifest:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        entries = [write_table(connection, table, archive) for table in tables]
        manifest = Manifest(revision, created_at.isoformat(), entries)
        archive.writestr(MANIFEST, manifest.to_json())
    return manifest


def open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ArchiveError(f"{path} does not exist.") from None
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveError(f"{path} is not a complete Taskboard archive (it may be truncated): {error}") from None


def read_manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        data = json.loads(archive.read(MANIFEST))
        if data.get("format") != FORMAT:
            raise ArchiveError("This zip file is not a Taskboard archive.")
        if data.get("version") != VERSION:
            raise ArchiveError(
                f"The archive is in format version {data.get('version')}; this Taskboard reads version {VERSION}."
            )
        tables = [TableEntry(**entry) for entry in data["tables"]]
        return Manifest(str(data["schema_revision"]), str(data["created_at"]), tables)
    except KeyError as error:
        raise ArchiveError(f"The archive has no {error} (it is incomplete or not a Taskboard archive).") from None
    except (ValueError, TypeError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"The archive's manifest is damaged: {error}") from None


def check_tables(manifest: Manifest, tables: list[Table]) -> None:
    """The archive holds exactly these tables with exactly these columns."""
    expected = {table.name: [column.name for column in table.columns] for table in tables}
    found = {entry.name: entry.columns for entry in manifest.tables}
    if set(found) != set(expected):
        raise ArchiveError(
            f"The archive's tables ({', '.join(sorted(found))}) are not this database's "
            f"({', '.join(sorted(expected))})."
        )
    for name, columns in expected.items():
        if sorted(found[name]) != sorted(columns):
            raise ArchiveError(f"The archive's columns of {name} are not this database's.")


def verify(archive: zipfile.ZipFile, manifest: Manifest) -> None:
    """Read every table file through once: each must have its recorded rows and checksum."""
    for entry in manifest.tables:
        digest = hashlib.sha256()
        rows = 0
        for line in _lines(archive, entry):
            digest.update(line)
            rows += 1
        if rows != entry.rows or digest.hexdigest() != entry.sha256:
            raise ArchiveError(f"{entry.file} in the archive was altered or cut short: its checksum does not match.")


def read_rows(archive: zipfile.ZipFile, entry: TableEntry, table: Table) -> Iterator[list[dict[str, Any]]]:
    """The table's rows, decoded for `table`, in batches; a row without exactly the table's columns is refused."""
    columns = {column.name for column in table.columns}
    decoders = [(column.name, decoder) for column in table.columns if (decoder := decoder_for(column))]
    batch: list[dict[str, Any]] = []
    for line in _lines(archive, entry):
        try:
            row = json.loads(line)
            if row.keys() != columns:
                raise ValueError(f"its columns are {sorted(row)}, not {sorted(columns)}")
            for key, decode in decoders:
                if row[key] is not None:
                    row[key] = decode(row[key])
            batch.append(row)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ArchiveError(f"A row of {entry.file} cannot be read: {error}") from None
        if len(batch) == BATCH_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


def _lines(archive: zipfile.ZipFile, entry: TableEntry) -> Iterator[bytes]:
    """The member's lines, each with its newline (the last one without, if it was cut short).

    Read in large blocks: ZipExtFile.readline costs more than parsing the line it returns."""
    try:
        with archive.open(entry.file) as member:
            rest = b""
            while block := member.read(READ_BLOCK_BYTES):
                lines = (rest + block).split(b"\n")
                rest = lines.pop()
                for line in lines:
                    yield line + b"\n"
            if rest:
                yield rest
    except KeyError:
        raise ArchiveError(f"The archive lacks {entry.file}.") from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ArchiveError(f"{entry.file} in the archive is damaged: {error}") from None
