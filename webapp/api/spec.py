"""The one Spectree instance: it validates every API view and describes them in openapi.json."""

from flask import Response as FlaskResponse
from flask import json
from pydantic import ValidationError
from spectree import Response, SpecTree
from spectree.models import SecurityScheme, SecuritySchemeData

from .schemas import FieldErrors, Message


def field_errors(error: ValidationError) -> list[dict]:
    """Pydantic's errors without the echoed input: the loc names the field, msg says what is wrong."""
    return [
        {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
        for e in error.errors(include_url=False, include_context=False, include_input=False)
    ]


def wrap_validation_errors(request, response: FlaskResponse, error, instance, model_adapter) -> None:
    """Spectree answers a bad request with a bare list; ours is `{"detail": [...]}` like every error."""
    if error is not None:
        response.set_data(json.dumps({"detail": field_errors(error)}, separators=(",", ":")))


spec = SpecTree(
    "flask",
    mode="strict",
    title="Taskboard API",
    version="1",
    description=(
        "The JSON API of Taskboard. Authenticate with a personal API token, created on your "
        "account's API tokens page, sent as `Authorization: Bearer <token>`."
    ),
    page_templates={},
    security_schemes=[SecurityScheme(name="bearer", data=SecuritySchemeData(type="http", scheme="bearer"))],
    security={"bearer": []},
    validation_error_model=FieldErrors,
    before=wrap_validation_errors,
)


def responses(*bare_codes: str, **models) -> Response:
    """The endpoint's answers; every endpoint may also answer 401 for a missing or bad token."""
    return Response(*bare_codes, HTTP_401=Message, **models)
