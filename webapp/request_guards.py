"""Checks on what a request carries, before any view sees it."""

from flask import request

from .api import errors as api_errors
from .errors import error_page

NUL_MESSAGE = "Text with a NUL character (\\0) cannot be accepted. Remove it and try again."


def reject_nul_characters():
    """No stored text may contain NUL: PostgreSQL cannot hold it, and no person types it."""
    for values in (request.args, request.form):
        for field, texts in values.lists():
            if any("\x00" in text for text in texts):
                if api_errors.is_api_request():
                    return api_errors.field_error(422, field, NUL_MESSAGE, "nul_character")
                return error_page(400, NUL_MESSAGE)
    return None
