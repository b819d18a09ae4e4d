"""Metrics add up over every gunicorn worker and are served apart from the site."""

import re
import socket

import requests

from .servers import REQUEST_TIMEOUT_S


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sample(metrics: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in metrics.splitlines():
        match = re.fullmatch(rf"{name}\{{(.*)\}} (\S+)", line)
        if match and ",".join(sorted(match.group(1).split(","))) == wanted:
            return float(match.group(2))
    return 0.0


def test_requests_served_by_two_workers_are_counted_together_on_the_separate_metrics_bind(gunicorn, database_url):
    port = free_port()
    server = gunicorn(database_url, METRICS_BIND=f"127.0.0.1:{port}")
    for _ in range(30):
        assert requests.get(f"{server.url}/login", timeout=REQUEST_TIMEOUT_S, headers={"Connection": "close"}).ok
    requests.get(f"{server.url}/no-such-page", timeout=REQUEST_TIMEOUT_S)

    metrics = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=REQUEST_TIMEOUT_S).text

    # The readiness probe of the test harness asked for /login too, hence "at least".
    assert sample(metrics, "taskboard_http_requests_total", endpoint="auth.login", method="GET", status="200") >= 30
    assert sample(metrics, "taskboard_http_requests_total", endpoint="none", method="GET", status="404") == 1
    assert sample(metrics, "taskboard_http_request_duration_seconds_count", endpoint="auth.login", method="GET") >= 30
    assert "taskboard_db_pool_connections_open" in metrics
    workers = {line for line in server.log_text().splitlines() if "Booting worker" in line}
    assert len(workers) == 2
    # The site itself does not serve them: no METRICS_TOKEN was set.
    assert requests.get(f"{server.url}/metrics", timeout=REQUEST_TIMEOUT_S).status_code == 404
