"""Real gunicorn processes on free ports, and browsers that talk to them over HTTP.

Each server runs the production configuration (CSRF on) against the database
under test, so these tests see what people behind a real deployment see.
"""

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
from helpers import PASSWORD

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "integration-secret-key-shared-by-every-instance"
READY_LINE = re.compile(r"Taskboard is ready: open (http://127\.0\.0\.1:\d+)/")
START_TIMEOUT_S = 60
# Every request is bounded: a hung server fails the test instead of stalling the suite.
REQUEST_TIMEOUT_S = 30


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def start_gunicorn(database_url: str, directory: Path, workers: int = 2, **settings: str) -> Server:
    """A gunicorn serving wsgi:app on a port the OS picks; returns once it answers.

    `settings` are further environment variables, e.g. MAIL_URL."""
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "gunicorn.log"
    env = dict(
        os.environ,
        TASKBOARD_CONFIG="production",
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET_KEY,
        # Plain HTTP on the loopback: cookies must not be Secure-only here.
        PREFERRED_URL_SCHEME="http",
        # Many clients share one address here; the rate limits have their own tests.
        RATELIMIT_ENABLED="false",
        TASKBOARD_INSTANCE_PATH=str(directory / "instance"),
        **settings,
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "gunicorn.conf.py",
        "--bind",
        "127.0.0.1:0",
        "--workers",
        str(workers),
        "--no-control-socket",
        "wsgi:app",
    ]
    return run_gunicorn(command, env, log)


def run_gunicorn(command: list[str], env: dict, log: Path) -> Server:
    """Start this gunicorn command, logging to `log`; returns once it answers."""
    with log.open("w") as log_file:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        match = READY_LINE.search(log.read_text(errors="replace"))
        if match and _answers(match.group(1)):
            return Server(match.group(1), process, log)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    stop_gunicorn(process)
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text(errors='replace')}")


def _answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/login", timeout=5).status_code == 200
    except requests.RequestException:
        return False


def stop_gunicorn(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Browser:
    """One person's browser: a cookie jar, and forms posted with the token the page gave."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()
        # A fresh connection per request: reusing one that gunicorn's keep-alive
        # timer is closing at that moment resets it, a client-side race that says
        # nothing about the server. (Browsers retry such requests silently.)
        self.session.headers["Connection"] = "close"

    def at(self, base_url: str) -> "Browser":
        """Point the same browser (same cookies) at another server."""
        self.base_url = base_url
        return self

    def get(self, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", REQUEST_TIMEOUT_S)
        return self.session.get(self.base_url + path, allow_redirects=False, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", REQUEST_TIMEOUT_S)
        return self.session.post(self.base_url + path, data=data, allow_redirects=False, **kwargs)

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        return hidden_value(page.text, "csrf_token")

    def submit(self, path: str, data: dict) -> requests.Response:
        """Open the form at `path` and post it, as a person would."""
        return self.post(path, {**data, "csrf_token": self.csrf_token(path)})

    def register(self, email: str) -> None:
        """Create an account and log in with it, as a person does after registering."""
        response = self.submit("/register", {"email": email, "password": PASSWORD, "confirm": PASSWORD})
        assert response.status_code == 302, response.text
        self.log_in(email)

    def log_in(self, email: str) -> None:
        response = self.submit("/login", {"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.text


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', html
    )
    assert match, f"no {name} field on the page"
    return match.group(1)


def created_path(response: requests.Response) -> str:
    """The path of the object a successful create redirected to."""
    assert response.status_code == 302, (response.status_code, response.text[:500])
    return urlsplit(response.headers["Location"]).path
