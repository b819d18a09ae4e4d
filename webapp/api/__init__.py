"""The JSON API under /api/v1: the pages' CRUD functions behind Bearer tokens, described by OpenAPI."""

from flask import Flask

from ..errors import PathErrorAnswers, answer_errors_under
from . import comments, docs, errors, items, labels, lists, reminders, tasks, users  # noqa: F401  (importing the views registers them on bp)
from .blueprint import PREFIX, bp


def register_api(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(docs.bp)
    answer_errors_under(
        app, PREFIX, PathErrorAnswers(errors.handle_http_exception, errors.handle_internal_error, errors.bad_text)
    )
