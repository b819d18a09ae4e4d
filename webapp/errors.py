"""Every error is a friendly page in the site layout; a 500 never shows a traceback."""

from collections.abc import Callable
from typing import NamedTuple

from flask import Flask, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError, TooManyRequests

from . import audit, crud, metrics
from .extensions import db, login_manager
from .i18n import message_of

PATH_ANSWERS = "taskboard.path_error_answers"


class PathErrorAnswers(NamedTuple):
    """How a front end under one path prefix (the JSON API) answers the errors that reach the app.

    An unknown path or a refused request matches no route of its blueprint, so the blueprint's own
    error handlers never see it; these answer it in that front end's format instead of a page.
    """

    http_exception: Callable[[HTTPException], ResponseReturnValue]
    internal_error: Callable[[InternalServerError], ResponseReturnValue]
    bad_text: Callable[[str, str], ResponseReturnValue]


def answer_errors_under(app: Flask, prefix: str, answers: PathErrorAnswers) -> None:
    app.extensions.setdefault(PATH_ANSWERS, {})[prefix] = answers


def path_answers() -> PathErrorAnswers | None:
    """The answers registered for this request's path, if any."""
    registered: dict[str, PathErrorAnswers] = current_app.extensions.get(PATH_ANSWERS, {})
    for prefix, answers in registered.items():
        if request.path.startswith(prefix):
            return answers
    return None


MESSAGES = {
    400: ("Bad request", "The request could not be understood. Please go back and try again."),
    403: ("Forbidden", "You do not have permission to see this page."),
    404: ("Page not found", "There is nothing here. It may have been deleted, or the link is wrong."),
    405: ("Method not allowed", "This address does not accept that kind of request."),
    409: ("Conflict", "This was changed elsewhere in the meantime. Reload it and try again."),
    413: ("Too large", "What you sent is larger than this site accepts."),
    422: ("Invalid input", "Some of what you sent was not valid."),
    429: ("Too many requests", "You have made too many attempts. Please wait a minute and try again."),
    500: ("Something went wrong", "An unexpected error happened on our side. Nothing you sent was saved."),
    503: ("Temporarily unavailable", "Taskboard cannot reach its database right now. Please try again shortly."),
}


def error_page(code: int, message: str | None = None) -> tuple[str, int]:
    title, default_message = MESSAGES.get(code, ("Error", "Something went wrong."))
    return render_template("errors/error.html", code=code, title=title, message=message or default_message), code


def handle_http_exception(error: HTTPException) -> ResponseReturnValue:
    if error.code is None or error.code < 400:
        return error
    answers = path_answers()
    if answers is not None:
        return answers.http_exception(error)
    return error_page(error.code)


def handle_forbidden(error: Forbidden) -> ResponseReturnValue:
    audit.forbidden()
    return handle_http_exception(error)


def handle_rate_limited(error: TooManyRequests) -> ResponseReturnValue:
    audit.rate_limited(error.description)
    metrics.count_rate_limited()
    return handle_http_exception(error)


def handle_csrf_error(error: CSRFError) -> ResponseReturnValue:
    return error_page(400, "Your form expired or did not come from this site. Reload the page and try again.")


def handle_not_found(error: crud.NotFound) -> ResponseReturnValue:
    return error_page(404)


def handle_read_only(error: crud.ReadOnly) -> ResponseReturnValue:
    audit.forbidden()
    return error_page(403, message_of(error))


def handle_stale_edit(error: crud.StaleEdit) -> ResponseReturnValue:
    return error_page(409)


def handle_internal_error(error: InternalServerError) -> ResponseReturnValue:
    answers = path_answers()
    if answers is not None:
        return answers.internal_error(error)
    db.session.rollback()
    return error_page(500)


def handle_database_unavailable(error: OperationalError | PoolTimeoutError) -> ResponseReturnValue:
    """The database is down, unreachable or too busy: say so, and let the pool reconnect later."""
    current_app.logger.error("Database unavailable: %s", error)
    db.session.rollback()
    # Who is logged in cannot be looked up now; render the page as for a visitor
    # (the session cookie is kept, so the person is still logged in afterwards).
    login_manager._update_request_context_with_user()
    body, status = error_page(503)
    return body, status, {"Retry-After": "5"}


def register_errorhandlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Forbidden, handle_forbidden)
    app.register_error_handler(TooManyRequests, handle_rate_limited)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(crud.NotFound, handle_not_found)
    app.register_error_handler(crud.ReadOnly, handle_read_only)
    app.register_error_handler(crud.StaleEdit, handle_stale_edit)
    app.register_error_handler(InternalServerError, handle_internal_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(PoolTimeoutError, handle_database_unavailable)
