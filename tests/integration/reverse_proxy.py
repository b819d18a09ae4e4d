"""Debian's nginx with a self-signed certificate in front of gunicorn instances, from the files in deploy/.

nginx runs as the test's user with its own prefix, temporary folders and logs under a test folder,
on free ports of 127.0.0.1. The site file and the systemd unit are the README's, changed only where
a test must differ from a server: ports, the certificate's paths and the program's path.
"""

import http.client
import os
import re
import shlex
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from .servers import PROJECT_ROOT, Server, hidden_value, run_gunicorn

NGINX = Path("/usr/sbin/nginx")
SITE = PROJECT_ROOT / "deploy" / "nginx" / "taskboard.conf"
UNIT = PROJECT_ROOT / "deploy" / "systemd" / "taskboard@.service"
BUILT_STATIC = PROJECT_ROOT / "build" / "static"
START_TIMEOUT_S = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "taskboard.pem", folder / "taskboard.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def unit_setting(name: str) -> list[str]:
    return [line.split("=", 1)[1] for line in UNIT.read_text().splitlines() if line.startswith(f"{name}=")]


def start_instance(port: int, env: dict, log: Path) -> Server:
    """gunicorn as deploy/systemd/taskboard@PORT.service starts it, with this Python's gunicorn."""
    [exec_start] = unit_setting("ExecStart")
    program, *arguments = shlex.split(exec_start.replace("%i", str(port)))
    assert program.endswith("/gunicorn"), exec_start
    unit_env = dict(pair.split("=", 1) for line in unit_setting("Environment") for pair in shlex.split(line))
    return run_gunicorn([sys.executable, "-m", "gunicorn", *arguments], {**os.environ, **unit_env, **env}, log)


def site_config(upstreams: list[int], https_port: int, http_port: int, certificate: Path, key: Path) -> str:
    """deploy/nginx/taskboard.conf with the test's ports and certificate."""
    replacements = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstreams[0]};",
        "server 127.0.0.1:8001;": f"server 127.0.0.1:{upstreams[1]};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "/etc/ssl/certs/taskboard.pem": str(certificate),
        "/etc/ssl/private/taskboard.key": str(key),
        "/srv/taskboard/build/static/": f"{BUILT_STATIC}/",
    }
    text = SITE.read_text()
    for old, new in replacements.items():
        assert text.count(old) == 1, f"{SITE} no longer has {old!r} once"
        text = text.replace(old, new)
    return text


def main_config(folder: Path, site: Path) -> str:
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} info;\nevents {{ worker_connections 256; }}\n"
        f"http {{\n    access_log {folder / 'access.log'};\n{temp}\n    include {site};\n}}\n"
    )


@dataclass
class Nginx:
    process: subprocess.Popen
    https_port: int
    http_port: int
    certificate: Path
    folder: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_nginx(folder: Path, upstreams: list[int]) -> Nginx:
    folder.mkdir(parents=True, exist_ok=True)
    certificate, key = self_signed_certificate(folder)
    https_port, http_port = free_port(), free_port()
    site = folder / "taskboard.conf"
    site.write_text(site_config(upstreams, https_port, http_port, certificate, key))
    config = folder / "nginx.conf"
    config.write_text(main_config(folder, site))
    process = subprocess.Popen(
        [str(NGINX), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    nginx = Nginx(process, https_port, http_port, certificate, folder)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
            return nginx
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    nginx.stop()
    raise RuntimeError(f"nginx did not start:\n{(folder / 'error.log').read_text(errors='replace')}")


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class HttpsClient:
    """One browser at one client address, talking to nginx over TLS (a new connection per request)."""

    nginx: Nginx
    source: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

    def connection(self) -> http.client.HTTPSConnection:
        context = ssl.create_default_context(cafile=str(self.nginx.certificate))
        return http.client.HTTPSConnection(
            "127.0.0.1", self.nginx.https_port, context=context, source_address=(self.source, 0), timeout=30
        )

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Answer:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode(errors="replace"))
        finally:
            connection.close()
        for set_cookie in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(set_cookie).items():
                self.cookies[name] = morsel.value
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def submit(self, path: str, data: dict) -> Answer:
        """Open the form at `path` and post it with the page's CSRF token, as a browser would."""
        token = hidden_value(self.get(path).text, "csrf_token")
        body = urlencode({**data, "csrf_token": token}).encode()
        origin = f"https://127.0.0.1:{self.nginx.https_port}"
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", "Referer": origin + path}
        )


def slow_client(nginx: Nginx) -> ssl.SSLSocket:
    """A client that has sent the start of a large form and then goes quiet."""
    context = ssl.create_default_context(cafile=str(nginx.certificate))
    sock = context.wrap_socket(socket.create_connection(("127.0.0.1", nginx.https_port)), server_hostname="127.0.0.1")
    sock.sendall(
        b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 100000\r\n\r\nemail=slow"
    )
    return sock


REQUEST_ID = re.compile(r"[0-9a-f]{32}")
