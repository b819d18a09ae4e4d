"""Bearer tokens are the only way into the API: session cookies are ignored, so no CSRF applies."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, g, request
from flask.typing import ResponseReturnValue

from .. import crud
from ..models import User
from ..request_guards import NUL_MESSAGE
from .errors import field_error, json_error

P = ParamSpec("P")
R = TypeVar("R")

BODY_METHODS = {"POST", "PUT", "PATCH"}


def authenticate() -> ResponseReturnValue | None:
    """`before_request` of the API: who the token belongs to, or 401."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    user = crud.user_for_api_token(secret) if scheme.lower() == "bearer" and secret else None
    if user is None:
        return json_error(
            401,
            "Send a valid API token as `Authorization: Bearer <token>`.",
            {"WWW-Authenticate": "Bearer"},
        )
    g.api_user = user
    return None


def require_json_body() -> ResponseReturnValue | None:
    """`before_request` of the API: a body that is not a JSON object is a 400, before any validation;
    text holding a NUL character is a 422 naming where it is, as the pages refuse it."""
    if request.method not in BODY_METHODS:
        return None
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested deeper than Python's parser goes: not a body anyone means
        return field_error(400, "body", "The JSON is nested too deeply.", "json_invalid")
    if not isinstance(body, dict):
        return field_error(400, "body", "Send a JSON object with `Content-Type: application/json`.", "json_invalid")
    for field, value in body.items():
        if "\x00" in field or (isinstance(value, str) and "\x00" in value):
            return field_error(422, field, NUL_MESSAGE, "nul_character")
    return None


def api_user() -> User:
    user: User = g.api_user
    return user


def admin_only(view: Callable[P, R]) -> Callable[P, R]:
    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        if not api_user().is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
