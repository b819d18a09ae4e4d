"""Taskboard side by side with the FastAPI tutorial anchor: `make bench`.

On each database (--database: SQLite, PostgreSQL, or both one after the
other), seeds both with the same data shape (1,000 users, 10,000 items,
100,000 tasks), starts Taskboard under gunicorn with its production settings,
the anchor and the bare Flask "hello" floor on free ports of 127.0.0.1, drives
each case with wrk (bounded in time) in interleaved rounds, reading the CPU time
each server's processes spent per request from /proc, prints a table of medians
per database and a summary with a column per database, and writes
bench/RESULTS.md. On PostgreSQL each side gets a new database of the run,
dropped at the end. Standard library and Taskboard itself only (SQLAlchemy for
the PostgreSQL databases); it runs under Taskboard's own virtualenv. The servers and the session
are in servers.py, wrk and its figures in load.py.
"""

import argparse
import os
import platform
import re
import secrets
import signal
import sqlite3
import statistics
import subprocess
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from load import TASKBOARD_SCRIPT, WRK_THREADS, Result, measured_wrk, median_result, memory_check, wrk
from servers import (
    ROOT,
    TASKBOARD_VENV,
    Browser,
    Server,
    create_server_database,
    demo_task_ids,
    drop_server_database,
    run,
    seed_anchor,
    seed_taskboard,
    start_server,
)

BENCH = ROOT / "bench"
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# How each side runs on each database: the anchor at its best there (its README).
SETUPS = {
    "sqlite": "Taskboard on SQLite (WAL, synchronous=FULL); the anchor on SQLite with its README's NullPool",
    "postgresql": "Taskboard and the anchor each on a fresh PostgreSQL database of this run; the anchor with "
    "SEEDAPP_POOL=large (64 pooled connections, its best configuration on a server database)",
}


@dataclass
class Case:
    name: str
    label: str
    anchor: tuple[str, str | None]  # (path, anchor wrk script or None)
    target: str
    connections: int = 32


@dataclass
class DatabaseRun:
    """Both servers on one database: their settings, and what the rounds measured."""

    database: str
    taskboard_env: dict
    anchor_env: dict
    seed_line: str = ""
    samples: dict = field(default_factory=dict)
    hello: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return DATABASES[self.database]


CASES = [
    Case("list", "Task list, 50 rows", ("/tasks/?skip=0&limit=50", None), "≥ 0.6× (stretch 1.0×)"),
    Case("task", "Task page by random id", ("/", "task_by_id.lua"), "≥ 0.9×"),
    Case("users", "Users with their items, 20", ("/users/?skip=0&limit=20", None), "≥ 5×"),
    Case("create", "Create task (POST)", ("/tasks/", "post_task.lua"), "≥ 1.5×"),
    Case("mixed", "Mixed 60/20/10/10", ("/", "mixed.lua"), "≥ 1.5×"),
    Case("list", "Task list at 256 connections", ("/tasks/?skip=0&limit=50", None), "0 errors, p99 ≤ 1 s", 256),
]


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
    pairs = zip(samples[(label, "taskboard")], samples[(label, "anchor")], strict=True)
    return statistics.median(ours.ok_rps / theirs.ok_rps if theirs.ok_rps else float("inf") for ours, theirs in pairs)


def format_table(cases: list[Case], samples: dict, hello: Result | None) -> list[str]:
    medians = {key: median_result(results) for key, results in samples.items()}
    lines = [
        "| case | server | req/s | ok req/s | CPU ms/req | p50 ms | p99 ms | non-2xx | errors "
        "| Taskboard ÷ anchor | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for case in cases:
        key = (case.label,)
        ours, theirs = medians[(*key, "taskboard")], medians[(*key, "anchor")]
        ratio = round_ratio(samples, case.label)
        for server, result in (("Taskboard", ours), ("anchor", theirs)):
            lines.append(
                f"| {case.label} | {server} | {result.rps:,.0f} | {result.ok_rps:,.0f} | {result.cpu_ms:.2f} "
                f"| {result.p50_ms:,.1f} | {result.p99_ms:,.1f} "
                f"| {result.non_2xx} | {result.errors} | {f'{ratio:.2f}×' if server == 'Taskboard' else ''} "
                f"| {case.target if server == 'Taskboard' else ''} |"
            )
    if hello:
        lines.append(
            f"| Flask hello floor | Flask | {hello.rps:,.0f} | {hello.ok_rps:,.0f} | {hello.cpu_ms:.2f} "
            f"| {hello.p50_ms:,.1f} | {hello.p99_ms:,.1f} "
            f"| {hello.non_2xx} | {hello.errors} | | |"
        )
    return lines


def format_summary(cases: list[Case], runs: list[DatabaseRun]) -> list[str]:
    """One line per case, a column per database: the ratio of req/s, and each side's CPU ms per request."""
    columns = [f"{r.name}: Taskboard ÷ anchor | {r.name}: CPU ms/req, Taskboard against anchor" for r in runs]
    lines = [
        "| case | target | " + " | ".join(columns) + " |",
        "|---|---|" + "---:|---:|" * len(runs),
    ]
    for case in cases:
        cells = []
        for database_run in runs:
            ours = median_result(database_run.samples[(case.label, "taskboard")])
            theirs = median_result(database_run.samples[(case.label, "anchor")])
            cells += [
                f"{round_ratio(database_run.samples, case.label):.2f}×",
                f"{ours.cpu_ms:.2f} against {theirs.cpu_ms:.2f}",
            ]
        lines.append(f"| {case.label} | {case.target} | " + " | ".join(cells) + " |")
    return lines


def stop_on_signal(signum: int, _frame) -> None:
    """A `kill` ends the run as Ctrl-C does: the servers are stopped and the run's databases dropped."""
    raise SystemExit(f"Stopped by signal {signum}")


def main() -> None:
    signal.signal(signal.SIGTERM, stop_on_signal)
    args = parse_args()
    anchor_dir = args.anchor_dir.resolve()
    anchor_python = args.anchor_python.absolute()  # not resolve(): a venv python is a symlink
    started = datetime.now(UTC)
    machine_line = machine()
    (BENCH / "out").mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"{started:%Y%m%d-%H%M%S}-", dir=BENCH / "out"))
    print(f"Working in {workdir}")
    cases = [c for c in CASES if not args.only or c.name in args.only]
    server_databases: list[str] = []
    runs: list[DatabaseRun] = []
    try:
        for database in args.database:
            database_run = prepare(database, workdir / database, args.postgresql_url, server_databases)
            print(f"Seeding Taskboard on {database_run.name} ...", flush=True)
            database_run.seed_line = seed_taskboard(database_run.taskboard_env)
            print(f"  {database_run.seed_line}")
            print(f"Seeding the anchor on {database_run.name} ...", flush=True)
            seed_anchor(anchor_python, anchor_dir, database_run.anchor_env)
            measure_database(args, cases, database_run, workdir / database, anchor_dir, anchor_python)
            runs.append(database_run)
        memory = measure_memory(runs[0], workdir / runs[0].database)
    finally:
        for url in server_databases:
            drop_server_database(url)

    tables = {r.name: format_table(cases, r.samples, median_result(r.hello)) for r in runs}
    for name, table in tables.items():
        print(f"\n{name}\n" + "\n".join(table))
    summary = format_summary(cases, runs)
    print("\n" + "\n".join(summary))
    write_results(args, started, machine_line, versions(anchor_python), runs, summary, tables, memory)
    print(f"Wrote {args.results}; server logs are in {workdir}")
    for database in workdir.rglob("*.db*"):
        database.unlink()


def prepare(database: str, workdir: Path, postgresql_url: str, server_databases: list[str]) -> DatabaseRun:
    """The settings of both servers on this database; on PostgreSQL, a new database for each."""
    workdir.mkdir()
    if database == "sqlite":
        anchor_env = {"SEEDAPP_DB_URL": f"sqlite:///{workdir / 'anchor' / 'sql_app.db'}", "SEEDAPP_POOL": "null"}
        return DatabaseRun(database, taskboard_settings(workdir, f"sqlite:///{workdir / 'taskboard.db'}"), anchor_env)
    suffix = f"{os.getpid()}_{secrets.token_hex(4)}"
    for name in (f"taskboard_bench_{suffix}", f"seedapp_bench_{suffix}"):
        server_databases.append(create_server_database(postgresql_url, name))
    taskboard_url, anchor_url = server_databases[-2:]
    anchor_env = {"SEEDAPP_DB_URL": anchor_url, "SEEDAPP_POOL": "large"}
    return DatabaseRun(database, taskboard_settings(workdir, taskboard_url), anchor_env)


def measure_database(args, cases, database_run: DatabaseRun, workdir: Path, anchor_dir, anchor_python) -> None:
    servers: dict[str, Server] = {}
    try:
        start_servers(servers, workdir, database_run, anchor_dir, anchor_python.parent)
        browser = Browser(servers["taskboard"].url)
        task_ids = demo_task_ids(database_run.taskboard_env["DATABASE_URL"])
        wrk_env = wrk_settings(browser.log_in(), task_ids)
        measure_rounds(args, cases, servers, browser, task_ids, wrk_env, anchor_dir, database_run)
    finally:
        for server in servers.values():
            server.stop()


def measure_memory(database_run: DatabaseRun, workdir: Path) -> dict:
    print(f"Memory: a fresh Taskboard on {database_run.name} under the mixed load ...", flush=True)
    server = start_taskboard("memory", database_run.taskboard_env, workdir)
    try:
        browser = Browser(server.url)
        wrk_env = wrk_settings(browser.log_in(), demo_task_ids(database_run.taskboard_env["DATABASE_URL"]))
        return memory_check(server, {**wrk_env, "BENCH_COOKIE": browser.cookie})
    finally:
        server.stop()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchor-dir", type=Path, required=True)
    parser.add_argument("--anchor-python", type=Path, required=True)
    parser.add_argument("--seconds", type=int, default=15, help="length of each measured wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="length of the warm-up before each run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="case names to run (list task users create mixed)")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument(
        "--database", nargs="+", choices=list(DATABASES), default=list(DATABASES), help="databases to measure on"
    )
    parser.add_argument(
        "--postgresql-url",
        default=os.environ.get("BENCH_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server and account that may create databases (the run makes two and drops them)",
    )
    return parser.parse_args()


def taskboard_settings(workdir: Path, database_url: str) -> dict:
    """Taskboard's production settings on a database of this run."""
    return {
        "TASKBOARD_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "TASKBOARD_INSTANCE_PATH": str(workdir / "instance"),
        # wrk speaks plain HTTP to 127.0.0.1, with no TLS proxy in front: production's https
        # default would make the session cookie Secure, and the login's cookie would never come back.
        "PREFERRED_URL_SCHEME": "http",
    }


def start_taskboard(name: str, env: dict, workdir: Path) -> Server:
    command = [str(TASKBOARD_VENV / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"]
    return start_server(name, command, env, ROOT, workdir, "/healthz")


def start_servers(servers: dict, workdir: Path, database_run: DatabaseRun, anchor_dir: Path, anchor_bin: Path) -> None:
    """Taskboard, the anchor and the hello floor, added to `servers` as each answers (so all are stopped)."""
    servers["taskboard"] = start_taskboard("taskboard", database_run.taskboard_env, workdir)
    servers["anchor"] = start_server(
        "anchor",
        [str(anchor_bin / "gunicorn"), "main:app", "-k", "uvicorn.workers.UvicornWorker", "-w", "2"],
        database_run.anchor_env,
        anchor_dir,
        workdir,
        "/tasks/1",
    )
    servers["hello"] = start_server(
        "hello", [str(anchor_bin / "gunicorn"), "flask_hello:app", "-w", "2"], {}, anchor_dir, workdir
    )


def wrk_settings(token: str, task_ids: list[int]) -> dict:
    """What taskboard.lua needs: the session's CSRF token and the demo admin's task ids."""
    return {
        "BENCH_CSRF": urllib.parse.quote(token, safe=""),
        "BENCH_TASK_IDS": ",".join(map(str, task_ids)),
        "BENCH_LIST_PAGES": str(max(1, len(task_ids) // 50)),
    }


def measure_rounds(args, cases, servers, browser, task_ids, wrk_env, anchor_dir, database_run: DatabaseRun) -> None:
    """Every case on both servers, round after round, and the hello floor once a round."""
    for round_number in range(1, args.rounds + 1):
        for case in cases:
            for server_name in ("taskboard", "anchor"):
                result = measure_case(args, case, server_name, servers, browser, task_ids, wrk_env, anchor_dir)
                database_run.samples.setdefault((case.label, server_name), []).append(result)
                print(
                    f"{database_run.name} round {round_number} {case.label:32} {server_name:9} "
                    f"{result.rps:8,.0f} req/s {result.cpu_ms:6.2f} CPU ms/req "
                    f"p50 {result.p50_ms:7.1f} ms p99 {result.p99_ms:7.1f} ms "
                    f"non-2xx {result.non_2xx} errors {result.errors}",
                    flush=True,
                )
        hello = servers["hello"]
        wrk(hello.url + "/", args.warmup, 32)
        database_run.hello.append(measured_wrk(hello, hello.url + "/", args.seconds, 32, None, {}))
    browser.check_pages(task_ids)  # the session lasted to the end: no case was answered by redirects


def measure_case(args, case, server_name, servers, browser, task_ids, wrk_env, anchor_dir) -> Result:
    """One warmed-up wrk run of a case on one server."""
    server = servers[server_name]
    if server_name == "taskboard":
        browser.check_pages(task_ids)
        env = {**wrk_env, "BENCH_COOKIE": browser.cookie, "BENCH_CASE": case.name}
        url, script = server.url, TASKBOARD_SCRIPT
    else:
        path, anchor_script = case.anchor
        url, env = server.url + path, {}
        script = anchor_dir / anchor_script if anchor_script else None
    wrk(url, args.warmup, case.connections, script, env)
    return measured_wrk(server, url, args.seconds, case.connections, script, env)


def write_results(args, started, machine_line, versions_, runs, summary, tables, memory) -> None:
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
        "- Data on both sides: 1,000 users, 10,000 items, 100,000 tasks. Taskboard seed: "
        + "; ".join(f"{r.name}: {r.seed_line}" for r in runs),
        f"- wrk -t{WRK_THREADS}, {args.warmup} s warm-up then {args.seconds} s per run, "
        f"{args.rounds} interleaved rounds; req/s, p50 and p99 are medians, non-2xx and errors are summed. "
        "Ratios compare ok req/s (answers below 400; Taskboard's create answers 302 to the new task) "
        "within each round, and show the median of the rounds' ratios. CPU ms/req: the user and system time "
        "of the server's processes (gunicorn's master and workers, from /proc) over a run, per request "
        "answered; the database server's own processes (PostgreSQL's backends) are not in it.",
        "- Taskboard: gunicorn.conf.py with TASKBOARD_CONFIG=production (PREFERRED_URL_SCHEME=http: wrk has no TLS), "
        "logged in as the demo admin. Anchor: its README's command (2 uvicorn workers).",
        *[f"- {r.name}: {SETUPS[r.database]}." for r in runs],
        "",
        "Other work shares this machine while the benchmark runs, so absolute numbers are noisy; "
        "compare servers only within one run, as the ratios do (CPU per request is the steadier figure).",
        "",
        *summary,
        "",
        *[line for name, table in tables.items() for line in (f"## {name}", "", *table, "")],
        "## Memory",
        "",
        f"RSS of each Taskboard worker on {runs[0].name} after {memory['early_served']:,} "
        f"and after {memory['late_served']:,} mixed requests (target: within 10%, under 100 MB).",
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
