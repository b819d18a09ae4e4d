"""Static files in a real Chromium: downloaded once, compressed, and never asked about again."""

import re
import time

from integration.servers import Server

ACCESS_LOG_LINE = re.compile(r'"(GET|POST|HEAD) (\S+) HTTP/1\.1" (\d{3})')


def requests_reaching(server: Server) -> list[str]:
    """Every request in gunicorn's access log so far, as "GET /path 200"; waits until it stops growing."""
    seen, previous = [], None
    while seen != previous:
        previous = seen
        time.sleep(0.3)
        seen = [" ".join(m.groups()) for m in ACCESS_LOG_LINE.finditer(server.log_text())]
    return seen


def test_a_warm_visit_of_the_task_list_is_one_request_to_the_server(visitor, alice, server, add_task):
    add_task(alice, title="Water the plants")
    visitor.log_in(alice.email)
    first_visit = {}
    visitor.page.on("response", lambda response: first_visit.setdefault(response.url, response))
    visitor.visit("/tasks/")
    assets = [url for url in first_visit if "/static/" in url]
    assert len(assets) >= 5, "the page's CSS, scripts and icon"
    for url in assets:
        headers = first_visit[url].headers
        assert re.search(r"-[0-9a-f]{32}\.\w+$", url), f"{url} has no content hash in its name"
        assert headers["cache-control"] == "max-age=31536000, public, immutable"
        assert headers.get("content-encoding") == "br", f"{url} was not sent compressed"
    visitor.follow("Items")
    before = len(requests_reaching(server))

    visitor.follow("Tasks")

    assert [line.split()[1] for line in requests_reaching(server)[before:]] == ["/tasks/"]
