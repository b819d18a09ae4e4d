"""`LOG_FORMAT=json`: one JSON object per line, each naming the request it belongs to.

Every request gets an id, returned in the `X-Request-ID` response header. Behind trusted proxies
(TRUSTED_PROXIES) an id the proxy sent is kept, so the proxy's log and ours can be joined.
"""

import logging
import re
import time
import uuid

from flask import Flask, Response, current_app, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

HEADER = "X-Request-ID"
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
FIELDS = ("asctime", "levelname", "name", "message", "request_id")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id") if has_request_context() else None
        return True


def register(app: Flask) -> None:
    app.before_request(assign_request_id)
    app.after_request(return_request_id)
    if app.config["LOG_FORMAT"] == "json":
        log_json(app)


def assign_request_id() -> None:
    sent = request.headers.get(HEADER, "")
    trusted = current_app.config["TRUSTED_PROXIES"] > 0
    g.request_id = sent if trusted and ACCEPTED_ID.fullmatch(sent) else uuid.uuid4().hex
    g.request_logged_from = time.perf_counter()


def return_request_id(response: Response) -> Response:
    if "request_id" in g:
        response.headers[HEADER] = g.request_id
    return response


def log_json(app: Flask) -> None:
    """Every log line of the process as JSON on stderr, and one line per request."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter(list(FIELDS), rename_fields={"levelname": "level", "name": "logger"}))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    app.logger.handlers.clear()  # propagate to the root's handler
    app.after_request(log_request)


def log_request(response: Response) -> Response:
    started = g.get("request_logged_from")
    logging.getLogger("taskboard.requests").info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "remote_addr": request.remote_addr,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )
    return response
