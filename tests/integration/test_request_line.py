"""How long a URL may be: up to gunicorn's limit the app answers it (in JSON under /api/), beyond it gunicorn does."""

import socket
from urllib.parse import urlsplit

LIMIT = 8190  # limit_request_line in gunicorn.conf.py


def request_line_answer(url: str, target: str) -> tuple[int, str, str]:
    """Send `GET target` as a raw request line; the status, Content-Type and body of the answer."""
    address = urlsplit(url)
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers.get("Content-Type", ""), body.decode("latin-1")


def padded_target(path: str, line_length: int) -> str:
    """`path?q=xxx...` making the request line `GET <target> HTTP/1.1` exactly this long."""
    return path + "?q=" + "x" * (line_length - len("GET  HTTP/1.1") - len(path) - 3)


def test_up_to_gunicorns_limit_the_app_answers_an_api_url_in_json_beyond_it_gunicorn_says_414(database_url, gunicorn):
    """The part beyond the limit is documented in gunicorn.conf.py and the README: no app, so no JSON."""
    server = gunicorn(database_url)

    status, content_type, body = request_line_answer(server.url, padded_target("/api/v1/tasks/", LIMIT))
    assert (status, content_type) == (401, "application/json")
    assert '"detail"' in body

    status, content_type, body = request_line_answer(server.url, padded_target("/api/v1/tasks/", LIMIT + 1))
    assert (status, content_type) == (414, "text/html")
    assert "URI Too Long" in body
