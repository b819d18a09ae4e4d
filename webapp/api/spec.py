"""The one Spectree instance: it validates every API view and describes them in openapi.json."""

from typing import Any

from flask import Request, json
from flask import Response as FlaskResponse
from pydantic import BaseModel, ValidationError
from spectree import Response, SpecTree
from spectree.models import SecureType, SecurityScheme, SecuritySchemeData

from .schemas import FieldErrors, Message

# What an API view returns: a model Spectree checks and turns into JSON, alone or with a status and
# headers, or a finished response (an error) or an empty body with its status (204). Spelled out,
# rather than Flask's ResponseReturnValue, because Spectree reads the views' type hints at run time.
ApiAnswer = BaseModel | tuple[BaseModel, int] | tuple[BaseModel, int, dict[str, str]] | tuple[str, int] | FlaskResponse


def field_errors(error: ValidationError) -> list[dict[str, Any]]:
    """Pydantic's errors without the echoed input: the loc names the field, msg says what is wrong."""
    return [
        {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
        for e in error.errors(include_url=False, include_context=False, include_input=False)
    ]


def wrap_validation_errors(
    request: Request, response: FlaskResponse, error: Exception | None, instance: object, model_adapter: object
) -> None:
    """Spectree answers a bad request with a bare list; ours is `{"detail": [...]}` like every error."""
    if isinstance(error, ValidationError):
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
    security_schemes=[SecurityScheme(name="bearer", data=SecuritySchemeData(type=SecureType.HTTP, scheme="bearer"))],
    security={"bearer": []},
    validation_error_model=FieldErrors,
    before=wrap_validation_errors,
)


def responses(*bare_codes: str, **models: type[BaseModel]) -> Response:
    """The endpoint's answers; every endpoint may also answer 401 for a missing or bad token."""
    return Response(*bare_codes, HTTP_401=Message, **models)
