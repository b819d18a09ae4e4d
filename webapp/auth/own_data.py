"""The "Download all my data" zip: for every table holding the person's rows, JSON and CSV.

The zip is written into a buffer that is emptied after every batch of rows, so the response streams
and memory stays small however much the person has.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table

from ..crud import own_data
from ..operations.archive import encoder_for
from ..tasks.csv_format import escape_cell

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

README = """Everything Taskboard holds that is yours, as of {when} UTC.

Each table comes twice: <table>.json (a JSON array of objects) and <table>.csv (the same rows,
a header line first; cells a spreadsheet would run as a formula start with an apostrophe).
Dates and times are ISO 8601, in UTC. Password and token hashes are not included.
"""


class Drain(io.RawIOBase):
    """A write-only stream whose written bytes are taken out in chunks."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: "Buffer") -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        return len(chunk)

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def export_zip(user_id: int, now: datetime) -> Iterator[bytes]:
    drain = Drain()
    with zipfile.ZipFile(drain, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(when=now.isoformat(timespec="seconds")))
        for table in own_data.owned_tables():
            yield from _write_table(archive, drain, table, user_id)
    yield drain.take()


def _write_table(archive: zipfile.ZipFile, drain: Drain, table: Table, user_id: int) -> Iterator[bytes]:
    encoders = [encoder_for(column) for column in own_data.exported_columns(table)]
    with archive.open(f"{table.name}.json", "w") as json_file:
        json_file.write(b"[")
        first = True
        for columns, rows in own_data.rows_of(table, user_id):
            for row in rows:
                values = _encoded(row, encoders)
                json_file.write(
                    (b"\n" if first else b",\n")
                    + json.dumps(dict(zip(columns, values, strict=True)), ensure_ascii=False).encode()
                )
                first = False
            yield drain.take()
        json_file.write(b"\n]\n")
    with archive.open(f"{table.name}.csv", "w") as csv_file:
        text = io.TextIOWrapper(csv_file, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([column.name for column in own_data.exported_columns(table)])
        for _columns, rows in own_data.rows_of(table, user_id):
            writer.writerows(
                [escape_cell(str(value)) if value is not None else "" for value in _encoded(row, encoders)]
                for row in rows
            )
            text.flush()
            yield drain.take()
        text.detach()
    yield drain.take()


def _encoded(row: tuple[Any, ...], encoders: list[Callable[[Any], Any] | None]) -> list[Any]:
    return [
        value if encode is None or value is None else encode(value) for value, encode in zip(row, encoders, strict=True)
    ]
