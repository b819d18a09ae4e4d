"""Writing a file so that it is either complete or not there at all."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class CannotWrite(Exception):
    """The destination cannot be written; the message names it and says why."""


@contextmanager
def written_atomically(path: Path) -> Iterator[Path]:
    """A temporary path next to `path` to write; renamed to `path` only if the block succeeds."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.touch()
    except OSError as error:
        raise CannotWrite(f"Cannot write {path}: {error.strerror or error}.") from None
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
