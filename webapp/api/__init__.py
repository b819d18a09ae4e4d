"""The JSON API under /api/v1: the pages' CRUD functions behind Bearer tokens, described by OpenAPI."""

from flask import Blueprint, Flask
from flask_swagger_ui import get_swaggerui_blueprint

from . import items, tasks, users  # noqa: F401  (importing the views registers them on bp)
from .blueprint import PREFIX, bp
from .spec import spec

docs_bp = Blueprint("api_docs", __name__, url_prefix=PREFIX)


@docs_bp.get("/openapi.json")
def openapi():
    """The OpenAPI description, generated from the same models that validate requests."""
    return spec.spec


# Swagger UI's files come from the installed package, so the docs page works offline.
swagger_bp = get_swaggerui_blueprint(
    f"{PREFIX}/docs",
    f"{PREFIX}/openapi.json",
    config={"app_name": "Taskboard API", "persistAuthorization": True},
    blueprint_name="api_swagger_ui",
)


def register_api(app: Flask) -> None:
    for blueprint in (bp, docs_bp, swagger_bp):
        app.register_blueprint(blueprint)
