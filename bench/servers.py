"""The servers a benchmark run measures, their seed data, and the logged-in session it drives them with."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TASKBOARD_VENV = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))

from sqlalchemy import URL, create_engine, make_url, text  # noqa: E402

from webapp.demo import DEMO_PASSWORD, demo_email  # noqa: E402

DEMO_USER = demo_email(1)  # the admin of `flask seed-demo`, so the users page works too


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    log: Path
    env: dict = field(default_factory=dict)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server's master and workers have used so far, from /proc."""
        return sum(process_cpu_seconds(pid) for pid in [self.process.pid, *self.worker_pids()])


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    # Fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the parenthesised command name.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command: list, **kwargs) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout


def start_server(name: str, command: list, env: dict, cwd: Path, workdir: Path, ready_path: str = "/") -> Server:
    port = free_port()
    log = workdir / f"{name}.log"
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so stop() ends exactly it and its workers
    )
    server = Server(name, f"http://127.0.0.1:{port}", process, log, env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} did not start; see {log}:\n{log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(server.url + ready_path, timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise SystemExit(f"{name} did not answer within 60 s; see {log}")


# --- seeding -------------------------------------------------------------------------------------


def seed_taskboard(env: dict) -> str:
    flask = [str(TASKBOARD_VENV / "flask"), "--app", "wsgi"]
    run([*flask, "db", "upgrade"], cwd=ROOT, env={**os.environ, **env})
    output = run(
        [*flask, "seed-demo", "--users", "1000", "--tasks-per-user", "100", "--items-per-user", "10", "--seed", "42"],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    return re.search(r"Wrote .*", output).group(0)


def seed_anchor(anchor_python: Path, anchor_dir: Path, env: dict) -> None:
    run([str(anchor_python), str(anchor_dir / "seed.py")], cwd=anchor_dir, env={**os.environ, **env})


# --- a logged-in session, as a browser would hold it -----------------------------------------------


class Browser:
    """The demo admin's client for setting up each run: it keeps its cookies as a browser does.

    The session notes when it was last seen, at most once a minute, and sends a new cookie
    when it does. wrk replays one fixed cookie, so every run starts from the cookie the
    server last set; otherwise every request after the first minute would write it again.
    """

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def get(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        return self.opener.open(self.base_url + path, data=body)

    def log_in(self) -> str:
        """Log the demo admin in; return a CSRF token of that session."""
        token = csrf_token(self.get("/login").read().decode())
        self.get("/login", {"csrf_token": token, "email": DEMO_USER, "password": DEMO_PASSWORD})
        self.get("/tasks/").read()  # shows (and so clears) the login flash message
        return csrf_token(self.get("/tasks/new").read().decode())

    def check_pages(self, task_ids: list[int]) -> None:
        """Every case must really be served to the logged-in admin, not redirected to the login page."""
        for path in ("/tasks/?per_page=50", f"/tasks/{task_ids[0]}", "/users/?per_page=20"):
            with self.get(path) as response:
                if response.status != 200 or response.url != self.base_url + path:
                    raise SystemExit(f"{path} was not served to the logged-in user ({response.url})")


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


DEMO_TASK_IDS = text("SELECT tasks.id FROM tasks JOIN users ON users.id = tasks.owner_id WHERE users.email = :email")


def demo_task_ids(database_url: str) -> list[int]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.scalars(DEMO_TASK_IDS, {"email": DEMO_USER}))
    finally:
        engine.dispose()


# --- PostgreSQL databases of a run ---------------------------------------------------------------


def create_server_database(server_url: str, name: str) -> str:
    """A new, empty database on the server; its URL."""
    url = make_url(server_url)
    _run_admin(url, f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def drop_server_database(database_url: str) -> None:
    url = make_url(database_url)
    _run_admin(url.set(database="postgres"), f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


def _run_admin(url: URL, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
