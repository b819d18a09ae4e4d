"""Checks on what a request carries, before any view sees it."""

from flask import request
from flask.typing import ResponseReturnValue

from .errors import error_page, path_answers

NUL_MESSAGE = "Text with a NUL character (\\0) cannot be accepted. Remove it and try again."


def reject_nul_characters() -> ResponseReturnValue | None:
    """No stored text may contain NUL: PostgreSQL cannot hold it, and no person types it."""
    for values in (request.args, request.form):
        for field, texts in values.lists():
            if any("\x00" in text for text in texts):
                answers = path_answers()
                if answers is not None:
                    return answers.bad_text(field, NUL_MESSAGE)
                return error_page(400, NUL_MESSAGE)
    return None
