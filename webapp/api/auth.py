"""Bearer tokens are the only way into the API: session cookies are ignored, so no CSRF applies."""

from functools import wraps

from flask import abort, g, request

from .. import crud
from ..models import User
from .errors import field_error, json_error

BODY_METHODS = {"POST", "PUT", "PATCH"}


def authenticate():
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


def require_json_body():
    """`before_request` of the API: a body that is not a JSON object is a 400, before any validation."""
    if request.method in BODY_METHODS and not isinstance(request.get_json(silent=True), dict):
        return field_error(400, "body", "Send a JSON object with `Content-Type: application/json`.", "json_invalid")


def api_user() -> User:
    return g.api_user


def admin_only(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not api_user().is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
