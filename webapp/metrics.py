"""Prometheus metrics: requests by endpoint and status, their latency, the database pool, rate-limit hits.

Recorded with the official client, `prometheus_client`. Under gunicorn every worker writes its
samples to files in PROMETHEUS_MULTIPROC_DIR (gunicorn.conf.py sets one up) and a scrape adds them
up, so the figures cover all workers whichever of them answers. They are served either on a
separate bind by gunicorn's master (METRICS_BIND) or at /metrics to a caller presenting
METRICS_TOKEN; with neither set they are not served at all.

The scheduler (`flask scheduler`, another process) records its lag and last run here too: in the
same PROMETHEUS_MULTIPROC_DIR as gunicorn when both share it (`make run` does), or served on its
own `--metrics-bind` address.
"""

import hmac
import os
import time

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import Engine, event

REQUESTS = Counter(
    "taskboard_http_requests_total",
    "HTTP requests answered, by endpoint, method and status.",
    ["endpoint", "method", "status"],
)
LATENCY = Histogram(
    "taskboard_http_request_duration_seconds",
    "Time to answer an HTTP request, by endpoint.",
    ["endpoint", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
RATE_LIMITED = Counter(
    "taskboard_rate_limit_hits_total", "Requests refused with 429 by a rate limit, by endpoint.", ["endpoint"]
)
# Summed over live workers: the connections each holds open, and those lent to a request right now.
POOL_OPEN = Gauge(
    "taskboard_db_pool_connections_open", "Database connections open in the pools.", multiprocess_mode="livesum"
)
POOL_IN_USE = Gauge(
    "taskboard_db_pool_connections_in_use", "Database connections lent out of the pools.", multiprocess_mode="livesum"
)

# The newest value any scheduler process wrote: how late the oldest due reminder, digest or email
# was when its last run found it (0 when nothing was waiting), and when that run finished.
SCHEDULER_LAG = Gauge(
    "taskboard_scheduler_lag_seconds",
    "How long the oldest due work had waited when the scheduler's last run took it.",
    multiprocess_mode="mostrecent",
)
SCHEDULER_LAST_RUN = Gauge(
    "taskboard_scheduler_last_run_timestamp_seconds",
    "When the scheduler last finished a run (Unix time).",
    multiprocess_mode="mostrecent",
)
SCHEDULER_SENT = Counter(
    "taskboard_scheduler_sent_total",
    "What the scheduler sent, by kind (reminder, late_reminder, digest, email).",
    ["kind"],
)

bp = Blueprint("metrics", __name__)


def register(app: Flask) -> None:
    app.before_request(start_timer)
    app.after_request(count_request)
    app.register_blueprint(bp)


def start_timer() -> None:
    g.request_started = time.perf_counter()


def endpoint_label() -> str:
    # Unmatched paths share one label, so a scanner cannot create a series per URL it tries.
    return request.endpoint or "none"


def count_request(response: Response) -> Response:
    endpoint = endpoint_label()
    REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    if "request_started" in g:
        LATENCY.labels(endpoint, request.method).observe(time.perf_counter() - g.request_started)
    return response


def count_rate_limited() -> None:
    RATE_LIMITED.labels(endpoint_label()).inc()


def watch_pool(engine: Engine) -> None:
    event.listen(engine, "connect", lambda *_: POOL_OPEN.inc())
    event.listen(engine, "close", lambda *_: POOL_OPEN.dec())
    event.listen(engine, "checkout", lambda *_: POOL_IN_USE.inc())
    event.listen(engine, "checkin", lambda *_: POOL_IN_USE.dec())


def exposition() -> bytes:
    """The metrics in Prometheus' text format, added up over every worker when there are several."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@bp.get("/metrics")
def metrics() -> Response:
    """Only for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`; a 404 to anyone else."""
    token = current_app.config["METRICS_TOKEN"]
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not token or not hmac.compare_digest(sent.encode(), token.encode()):
        abort(404)
    return Response(exposition(), content_type=CONTENT_TYPE_LATEST)
