"""Checks on what a request carries, before any view sees it."""

from flask import request

from .errors import error_page


def reject_nul_characters():
    """No stored text may contain NUL: PostgreSQL cannot hold it, and no person types it."""
    for values in (request.args, request.form):
        if any("\x00" in value for value in values.values()):
            return error_page(400, "Text with a NUL character (\\0) cannot be accepted. Remove it and try again.")
    return None
