"""Reading the rows of a database, and making damaged copies of an archive, for the operations tests."""

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from webapp.extensions import db


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table of the models, in primary-key order."""
    with db.engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))]
            for table in db.metadata.sorted_tables
        }


def rows_of(app) -> dict[str, list[tuple]]:
    with app.app_context():
        return every_row()


def copy_archive(
    source: Path,
    target: Path,
    manifest: Callable[[dict], None] = lambda data: None,
    member: Callable[[str, bytes], bytes] = lambda name, data: data,
) -> Path:
    """A copy of the archive with its manifest and members changed by the given functions."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for name in original.namelist():
            data = original.read(name)
            if name == "manifest.json":
                changed = json.loads(data)
                manifest(changed)
                data = json.dumps(changed).encode()
            copy.writestr(name, member(name, data))
    return target


def truncated(source: Path, target: Path, keep: float = 0.6) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])
    return target
