"""Email: plain text with an HTML alternative, both from Jinja templates, sent by Flask-Mailman.

`MAIL_URL` names the SMTP server (`smtp://user:pass@host:587?starttls=1`, `smtps://...`). Without
it (development) every message is written whole to the server log instead, and the page that
sent one says so, so a person running `make run` can still follow a reset link.

Work that ends in an email runs after the response, in a background thread (`after_response`):
a page takes as long whether or not it sent one, so its timing cannot tell whether an account
exists, and a mail server that is down or refuses a message is logged, never shown to the
person as an error. An email is written in the language of the page that sent it, or in the one
its recipient chose on their account (`locale`).
"""

import logging
import smtplib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache, wraps
from typing import Any, ParamSpec
from urllib.parse import parse_qs, unquote, urlsplit

from flask import Flask, current_app, has_request_context, render_template, request, url_for
from flask_babel import LazyString, force_locale, get_locale
from flask_mailman import EmailMessage, EmailMultiAlternatives
from flask_mailman.backends.base import BaseEmailBackend

from .extensions import mailman

logger = logging.getLogger("taskboard.mail")

MAIL_TIMEOUT_S = 10
TRUE_VALUES = {"1", "true", "yes", "on"}
DEVELOPMENT_BASE_URL = "http://127.0.0.1:8000"

P = ParamSpec("P")


class LogBackend(BaseEmailBackend):
    """Development without MAIL_URL: the whole message goes to the server log, links and all."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            logger.warning(
                "MAIL_URL is not set, so this email was not sent; here it is in full:\n%s",
                message.message().as_string(),
            )
        return len(email_messages)


def mail_settings(url: str) -> dict[str, Any]:
    """Flask-Mailman's settings for MAIL_URL; the log backend when it is empty."""
    if not url:
        return {"MAIL_BACKEND": LogBackend}
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise RuntimeError("MAIL_URL must look like smtp://user:password@host:587?starttls=1 or smtps://host")
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["0"])[0].lower() in TRUE_VALUES
    ssl = parts.scheme == "smtps"
    return {
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": parts.hostname,
        "MAIL_PORT": parts.port or (465 if ssl else 587 if starttls else 25),
        "MAIL_USERNAME": unquote(parts.username) if parts.username else None,
        "MAIL_PASSWORD": unquote(parts.password) if parts.password else None,
        "MAIL_USE_SSL": ssl,
        "MAIL_USE_TLS": starttls,
        "MAIL_TIMEOUT": MAIL_TIMEOUT_S,
    }


def mail_is_logged_only() -> bool:
    """True when messages go to the server log rather than to people (no MAIL_URL)."""
    return not current_app.config["MAIL_URL"]


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an email: on BASE_URL when set, else on the host of this request.

    BASE_URL keeps a forged Host header from pointing a reset link at someone else's site.
    Outside a request (the CLI) the link is built on BASE_URL or the development address.
    """
    base_url = current_app.config["BASE_URL"]
    if has_request_context() and not base_url:
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=base_url or DEVELOPMENT_BASE_URL):
        return url_for(endpoint, _external=True, **values)


def send_email(
    to: str,
    subject: str | LazyString,
    template: str,
    locale: str | None = None,
    connection: BaseEmailBackend | None = None,
    **context: Any,
) -> bool:
    """Render `email/<template>.txt` and `.html` and send them to `to` now, in `locale` if given (else
    the page's language; a lazy `subject` is written in it too); whether the server took it (a failure
    is logged). Several messages can share one open `connection` (see `mail_connection`)."""
    with force_locale(locale or str(get_locale())):
        context = {"subject": str(subject), "lang": str(get_locale()), **context}
        message = EmailMultiAlternatives(
            subject=context["subject"],
            body=render_template(f"email/{template}.txt", **context),
            from_email=current_app.config["MAIL_FROM"],
            to=[to],
            connection=connection,
        )
        message.attach_alternative(render_template(f"email/{template}.html", **context), "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        # The body holds a secret link: log who and what, never the message itself.
        logger.exception("Could not send the email %r to %s", message.subject, to)
        return False
    return True


def mail_connection() -> BaseEmailBackend:
    """One connection to the mail server for a batch of messages: `with mail_connection() as connection:`."""
    connection: BaseEmailBackend = mailman.get_connection()
    return connection


def after_response(job: Callable[P, None]) -> Callable[P, None]:
    """Decorate a job (that sends email) to run in the background thread, in a request context on
    the same host as the request that started it. With MAIL_SEND_IN_BACKGROUND off (the tests),
    it runs at once."""

    @wraps(job)
    def start(*args: P.args, **kwargs: P.kwargs) -> None:
        app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        if not app.config["MAIL_SEND_IN_BACKGROUND"]:
            job(*args, **kwargs)
            return
        base_url = request.host_url if has_request_context() else DEVELOPMENT_BASE_URL
        _outbox().submit(_run, app, base_url, str(get_locale()), job, *args, **kwargs)

    return start


@cache
def _outbox() -> ThreadPoolExecutor:
    """One background thread per process, started at the first job (after gunicorn's fork)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="taskboard-mail")


def _run(app: Flask, base_url: str, locale: str, job: Callable[..., None], *args: Any, **kwargs: Any) -> None:
    # As a POST, because jobs write: on SQLite their transactions then take the write lock at
    # once (see webapp.database), as the request that started them would have; in its language.
    with app.test_request_context(base_url=base_url, method="POST"), force_locale(locale):
        try:
            job(*args, **kwargs)
        except Exception:  # a thread's exception would vanish unseen: log it
            logger.exception("Background job %s failed", job.__name__)
