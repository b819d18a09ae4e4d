"""The JSON API under /api/v1: the pages' CRUD functions behind Bearer tokens, described by OpenAPI."""

from flask import Flask

from . import docs, items, labels, lists, tasks, users  # noqa: F401  (importing the views registers them on bp)
from .blueprint import bp


def register_api(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(docs.bp)
