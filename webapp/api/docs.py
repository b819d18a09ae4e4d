"""The API's description and its readable docs page; both public, neither needs a token."""

from importlib.resources import files
from typing import Any

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from .blueprint import PREFIX
from .spec import spec

# Swagger UI's files come from the installed flask-swagger-ui package: the page works offline.
# The package's own page template uses an inline script, which a Content-Security-Policy
# without 'unsafe-inline' blocks, so the page and its starter script are ours.
SWAGGER_UI_FILES = files("flask_swagger_ui") / "dist"

bp = Blueprint(
    "api_docs",
    __name__,
    url_prefix=PREFIX,
    static_folder=str(SWAGGER_UI_FILES),
    static_url_path="/docs/swagger-ui",
)


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    """The OpenAPI description, generated from the same models that validate requests."""
    description: dict[str, Any] = spec.spec
    return description


@bp.get("/docs/")
def docs() -> ResponseReturnValue:
    return render_template("api/docs.html")
