"""API errors are JSON `{"detail": ...}`, never the HTML error pages."""

from collections.abc import Mapping

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import crud
from ..extensions import db


def json_error(status: int, detail: object, headers: Mapping[str, str] | None = None) -> Response:
    response = jsonify(detail=detail)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def field_error(status: int, field: str, message: str, kind: str) -> Response:
    return json_error(status, [{"loc": [field], "msg": message, "type": kind}])


def handle_http_exception(error: HTTPException) -> Response:
    if isinstance(error.response, Response):  # already an API answer, e.g. a validation error
        return error.response
    headers = dict(error.get_headers())
    headers.pop("Content-Type", None)
    return json_error(error.code or 500, error.name, headers)


def bad_text(field: str, message: str) -> Response:
    """Text the app refuses before any view sees it, such as a NUL character."""
    return field_error(422, field, message, "nul_character")


def handle_refused_change(error: crud.CrudError) -> Response:
    """A change the CRUD layer refused: under the field it names, else as a plain message."""
    if error.field is None:
        return json_error(400, str(error))
    return field_error(400, error.field, str(error), error.kind)


def handle_not_found(error: crud.NotFound) -> Response:
    return json_error(404, str(error))


def handle_read_only(error: crud.ReadOnly) -> Response:
    return json_error(403, str(error))


def handle_invalid_filter(error: crud.InvalidFilter) -> Response:
    """A list filter the schema let through but the CRUD layer does not know: still the client's error."""
    return field_error(422, "query", str(error), "invalid_filter")


def handle_internal_error(error: Exception) -> Response:
    db.session.rollback()
    return json_error(500, "Internal server error")


def handle_database_unavailable(error: Exception) -> Response:
    current_app.logger.error("Database unavailable: %s", error)
    db.session.rollback()
    return json_error(503, "The database is unavailable; try again shortly.", {"Retry-After": "5"})


def register_api_errorhandlers(blueprint: Blueprint) -> None:
    blueprint.register_error_handler(HTTPException, handle_http_exception)
    blueprint.register_error_handler(crud.NotFound, handle_not_found)
    blueprint.register_error_handler(crud.ReadOnly, handle_read_only)
    blueprint.register_error_handler(crud.InvalidFilter, handle_invalid_filter)
    blueprint.register_error_handler(crud.EmailTaken, handle_refused_change)
    blueprint.register_error_handler(crud.ForbiddenChange, handle_refused_change)
    blueprint.register_error_handler(crud.InvalidReminder, handle_refused_change)
    blueprint.register_error_handler(crud.InvalidRecurrence, handle_refused_change)
    blueprint.register_error_handler(crud.NotAMember, handle_refused_change)
    blueprint.register_error_handler(InternalServerError, handle_internal_error)
    blueprint.register_error_handler(OperationalError, handle_database_unavailable)
    blueprint.register_error_handler(PoolTimeoutError, handle_database_unavailable)
