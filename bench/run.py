"""Taskboard side by side with the FastAPI tutorial anchor: `make bench`.

Seeds both with the same data shape (1,000 users, 10,000 items, 100,000
tasks), starts Taskboard under gunicorn with its production settings, the
anchor and the bare Flask "hello" floor on free ports of 127.0.0.1, drives
each case with wrk (bounded in time) in interleaved rounds, prints one table
of medians and writes bench/RESULTS.md. Standard library only; it runs under
Taskboard's own virtualenv.
"""

import argparse
import http.cookiejar
import os
import platform
import re
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
TASKBOARD_VENV = ROOT / ".venv" / "bin"
DEMO_USER = "demo1@example.com"  # the admin of `flask seed-demo`, so the users page works too
DEMO_PASSWORD = "taskboard-demo"
WRK_THREADS = 2


@dataclass
class Case:
    name: str
    label: str
    anchor: tuple[str, str | None]  # (path, anchor wrk script or None)
    target: str
    connections: int = 32


CASES = [
    Case("list", "Task list, 50 rows", ("/tasks/?skip=0&limit=50", None), "≥ 0.6× (stretch 1.0×)"),
    Case("task", "Task page by random id", ("/", "task_by_id.lua"), "≥ 0.9×"),
    Case("users", "Users with their items, 20", ("/users/?skip=0&limit=20", None), "≥ 5×"),
    Case("create", "Create task (POST)", ("/tasks/", "post_task.lua"), "≥ 1.5×"),
    Case("mixed", "Mixed 60/20/10/10", ("/", "mixed.lua"), "≥ 1.0×"),
    Case("list", "Task list at 256 connections", ("/tasks/?skip=0&limit=50", None), "0 errors, p99 ≤ 1 s", 256),
]


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    errors: int
    requests: int

    @property
    def ok_rps(self) -> float:
        """Requests per second answered with a success or a redirect (wrk counts 4xx and 5xx apart)."""
        return self.rps * (self.requests - self.non_2xx) / self.requests if self.requests else 0.0


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


def demo_task_ids(database: Path) -> list[int]:
    with sqlite3.connect(database) as connection:
        return [
            row[0]
            for row in connection.execute(
                "SELECT tasks.id FROM tasks JOIN users ON users.id = tasks.owner_id WHERE users.email = ?",
                (DEMO_USER,),
            )
        ]


# --- wrk -----------------------------------------------------------------------------------------


def wrk(url: str, seconds: int, connections: int, script: Path | None = None, env: dict | None = None) -> Result:
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=seconds + 30,
    ).stdout
    return parse_wrk(output)


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output: str) -> Result:
    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M).groups()
        return float(value) * UNITS_MS[unit]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency("50"),
        p99_ms=latency("99"),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        errors=sum(int(n) for n in errors.groups()) if errors else 0,
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
    )


def median_result(results: list[Result]) -> Result:
    return Result(
        rps=statistics.median(r.rps for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        non_2xx=sum(r.non_2xx for r in results),
        errors=sum(r.errors for r in results),
        requests=sum(r.requests for r in results),
    )


# --- memory ----------------------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def memory_check(server: Server, wrk_env: dict) -> dict:
    """Each worker's RSS after about 1,000 and after at least 20,000 mixed requests."""
    script = BENCH / "taskboard.lua"
    served = wrk(server.url, 1, 8, script, {**wrk_env, "BENCH_CASE": "mixed"}).requests
    while served < 1000:
        served += wrk(server.url, 1, 8, script, {**wrk_env, "BENCH_CASE": "mixed"}).requests
    early = {pid: rss_mb(pid) for pid in server.worker_pids()}
    early_served = served
    while served < 20_000:
        served += wrk(server.url, 5, 32, script, {**wrk_env, "BENCH_CASE": "mixed"}).requests
    late = {pid: rss_mb(pid) for pid in server.worker_pids()}
    return {"early_served": early_served, "late_served": served, "early": early, "late": late}


# --- report ----------------------------------------------------------------------------------------


def versions(anchor_python: Path) -> dict:
    def pkg(python, names):
        code = "import importlib.metadata as m, sys\nfor n in sys.argv[1:]: print(n, m.version(n))"
        return run([str(python), "-c", code, *names]).strip().replace("\n", ", ")

    return {
        "Python": platform.python_version(),
        "Taskboard": pkg(
            TASKBOARD_VENV / "python",
            ["Flask", "Werkzeug", "Jinja2", "SQLAlchemy", "Flask-WTF", "Flask-Login", "gunicorn"],
        ),
        "Anchor": pkg(
            anchor_python, ["fastapi", "uvicorn", "starlette", "pydantic", "SQLAlchemy", "gunicorn", "Flask"]
        ),
        "SQLite": sqlite3.sqlite_version,
        # `wrk -v` prints its version line and exits with status 1.
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0],
    }


def machine() -> str:
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text()).group(1)
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs "
        f"({cpu.group(1) if cpu else 'unknown CPU'}), {int(memory) // 1024:,} MiB RAM, "
        f"load average {os.getloadavg()[0]:.1f} at the start"
    )


def round_ratio(samples: dict, label: str) -> float:
    """The median over rounds of Taskboard's ok req/s over the anchor's in the same round.

    Load from other work drifts between rounds; a ratio taken within one round cancels most of it.
    """
    pairs = zip(samples[(label, "taskboard")], samples[(label, "anchor")])
    return statistics.median(ours.ok_rps / theirs.ok_rps if theirs.ok_rps else float("inf") for ours, theirs in pairs)


def format_table(cases: list[Case], samples: dict, hello: Result | None) -> list[str]:
    medians = {key: median_result(results) for key, results in samples.items()}
    lines = [
        "| case | server | req/s | ok req/s | p50 ms | p99 ms | non-2xx | errors | Taskboard ÷ anchor | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for case in cases:
        key = (case.label,)
        ours, theirs = medians[key + ("taskboard",)], medians[key + ("anchor",)]
        ratio = round_ratio(samples, case.label)
        for server, result in (("Taskboard", ours), ("anchor", theirs)):
            lines.append(
                f"| {case.label} | {server} | {result.rps:,.0f} | {result.ok_rps:,.0f} "
                f"| {result.p50_ms:,.1f} | {result.p99_ms:,.1f} "
                f"| {result.non_2xx} | {result.errors} | {f'{ratio:.2f}×' if server == 'Taskboard' else ''} "
                f"| {case.target if server == 'Taskboard' else ''} |"
            )
    if hello:
        lines.append(
            f"| Flask hello floor | Flask | {hello.rps:,.0f} | {hello.ok_rps:,.0f} "
            f"| {hello.p50_ms:,.1f} | {hello.p99_ms:,.1f} "
            f"| {hello.non_2xx} | {hello.errors} | | |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchor-dir", type=Path, required=True)
    parser.add_argument("--anchor-python", type=Path, required=True)
    parser.add_argument("--seconds", type=int, default=15, help="length of each measured wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="length of the warm-up before each run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="case names to run (list task users create mixed)")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    anchor_dir = args.anchor_dir.resolve()
    anchor_python = args.anchor_python.absolute()  # not resolve(): a venv python is a symlink
    started = datetime.now(UTC)
    machine_line = machine()

    (BENCH / "out").mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"{started:%Y%m%d-%H%M%S}-", dir=BENCH / "out"))
    print(f"Working in {workdir}")
    taskboard_db = workdir / "taskboard.db"
    taskboard_env = {
        "TASKBOARD_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": f"sqlite:///{taskboard_db}",
        "TASKBOARD_INSTANCE_PATH": str(workdir / "instance"),
        # wrk speaks plain HTTP to 127.0.0.1, with no TLS proxy in front: production's https
        # default would make the session cookie Secure, and the login's cookie would never come back.
        "PREFERRED_URL_SCHEME": "http",
    }
    anchor_env = {"SEEDAPP_DB_URL": f"sqlite:///{workdir / 'anchor' / 'sql_app.db'}", "SEEDAPP_POOL": "null"}
    print("Seeding Taskboard ...", flush=True)
    seed_line = seed_taskboard(taskboard_env)
    print(f"  {seed_line}")
    print("Seeding the anchor ...", flush=True)
    seed_anchor(anchor_python, anchor_dir, anchor_env)

    anchor_bin = anchor_python.parent
    servers = {}
    try:
        servers["taskboard"] = start_server(
            "taskboard",
            [str(TASKBOARD_VENV / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
            taskboard_env,
            ROOT,
            workdir,
            "/healthz",
        )
        servers["anchor"] = start_server(
            "anchor",
            [str(anchor_bin / "gunicorn"), "main:app", "-k", "uvicorn.workers.UvicornWorker", "-w", "2"],
            anchor_env,
            anchor_dir,
            workdir,
            "/tasks/1",
        )
        servers["hello"] = start_server(
            "hello",
            [str(anchor_bin / "gunicorn"), "flask_hello:app", "-w", "2"],
            {},
            anchor_dir,
            workdir,
        )
        base = servers["taskboard"].url
        browser = Browser(base)
        token = browser.log_in()
        task_ids = demo_task_ids(taskboard_db)
        wrk_env = {
            "BENCH_CSRF": urllib.parse.quote(token, safe=""),
            "BENCH_TASK_IDS": ",".join(map(str, task_ids)),
            "BENCH_LIST_PAGES": str(max(1, len(task_ids) // 50)),
        }

        cases = [c for c in CASES if not args.only or c.name in args.only]
        samples: dict[tuple, list[Result]] = {}
        hello_samples = []
        for round_number in range(1, args.rounds + 1):
            for case in cases:
                for server_name in ("taskboard", "anchor"):
                    server = servers[server_name]
                    if server_name == "taskboard":
                        browser.check_pages(task_ids)
                        env = {**wrk_env, "BENCH_COOKIE": browser.cookie, "BENCH_CASE": case.name}
                        url, script = base, BENCH / "taskboard.lua"
                    else:
                        path, anchor_script = case.anchor
                        url, env = server.url + path, {}
                        script = anchor_dir / anchor_script if anchor_script else None
                    wrk(url, args.warmup, case.connections, script, env)
                    result = wrk(url, args.seconds, case.connections, script, env)
                    samples.setdefault((case.label, server_name), []).append(result)
                    print(
                        f"round {round_number} {case.label:32} {server_name:9} {result.rps:8,.0f} req/s "
                        f"p50 {result.p50_ms:7.1f} ms p99 {result.p99_ms:7.1f} ms "
                        f"non-2xx {result.non_2xx} errors {result.errors}",
                        flush=True,
                    )
            wrk(servers["hello"].url + "/", args.warmup, 32)
            hello_samples.append(wrk(servers["hello"].url + "/", args.seconds, 32))
        browser.check_pages(task_ids)  # the session lasted to the end: no case was answered by redirects
        for server in servers.values():
            server.stop()

        print("Memory: a fresh Taskboard under the mixed load ...", flush=True)
        servers["memory"] = start_server(
            "memory",
            [str(TASKBOARD_VENV / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
            taskboard_env,
            ROOT,
            workdir,
            "/healthz",
        )
        memory = memory_check(servers["memory"], {**wrk_env, "BENCH_COOKIE": browser.cookie})
    finally:
        for server in servers.values():
            server.stop()

    table = format_table(cases, samples, median_result(hello_samples))
    print("\n".join(table))
    write_results(args, started, machine_line, versions(anchor_python), seed_line, table, memory)
    print(f"Wrote {args.results}; server logs are in {workdir}")
    for database in workdir.rglob("*.db*"):
        database.unlink()


def write_results(args, started, machine_line, versions_, seed_line, table, memory) -> None:
    memory_lines = [
        f"| worker {pid} | {memory['early'][pid]:.1f} | {memory['late'].get(pid, float('nan')):.1f} "
        f"| {(memory['late'].get(pid, 0) / memory['early'][pid] - 1) * 100:+.1f}% |"
        for pid in memory["early"]
    ]
    text = [
        "# Benchmark results",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `make bench` "
        f"(`bench/run.py --seconds {args.seconds} --warmup {args.warmup} --rounds {args.rounds}`).",
        "",
        f"- Machine: {machine_line}",
        *[f"- {name}: {value}" for name, value in versions_.items()],
        f"- Data on both sides: 1,000 users, 10,000 items, 100,000 tasks. Taskboard seed: {seed_line}",
        f"- wrk -t{WRK_THREADS}, {args.warmup} s warm-up then {args.seconds} s per run, "
        f"{args.rounds} interleaved rounds; req/s, p50 and p99 are medians, non-2xx and errors are summed. "
        "Ratios compare ok req/s (answers below 400; Taskboard's create answers 302 to the new task) "
        "within each round, and show the median of the rounds' ratios.",
        "- Taskboard: gunicorn.conf.py with TASKBOARD_CONFIG=production (PREFERRED_URL_SCHEME=http: wrk has no TLS) "
        "on SQLite (WAL, synchronous=FULL), "
        "logged in as the demo admin. Anchor: its README's command (NullPool, 2 uvicorn workers).",
        "",
        "Other work shares this machine while the benchmark runs, so absolute numbers are noisy; "
        "compare servers only within one run, as the ratios do.",
        "",
        *table,
        "",
        "## Memory",
        "",
        f"RSS of each Taskboard worker after {memory['early_served']:,} and after {memory['late_served']:,} "
        "mixed requests (target: within 10%, under 100 MB).",
        "",
        "| worker | MB early | MB late | change |",
        "|---|---:|---:|---:|",
        *memory_lines,
        "",
    ]
    notes = BENCH / "NOTES.md"
    if notes.exists():
        text += [notes.read_text()]
    args.results.write_text("\n".join(text))


if __name__ == "__main__":
    main()
