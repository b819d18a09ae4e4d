"""Taskboard side by side with the FastAPI tutorial anchor: `make bench`.

Seeds both with the same data shape (1,000 users, 10,000 items, 100,000
tasks), starts Taskboard under gunicorn with its production settings, the
anchor and the bare Flask "hello" floor on free ports of 127.0.0.1, drives
each case with wrk (bounded in time) in interleaved rounds, prints one table
of medians and writes bench/RESULTS.md. Standard library and Taskboard itself
only; it runs under Taskboard's own virtualenv. The servers and the session
are in servers.py, wrk and its figures in load.py.
"""

import argparse
import os
import platform
import re
import secrets
import sqlite3
import statistics
import subprocess
import tempfile
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from load import TASKBOARD_SCRIPT, WRK_THREADS, Result, median_result, memory_check, wrk
from servers import (
    ROOT,
    TASKBOARD_VENV,
    Browser,
    Server,
    demo_task_ids,
    run,
    seed_anchor,
    seed_taskboard,
    start_server,
)

BENCH = ROOT / "bench"


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
        "| case | server | req/s | ok req/s | p50 ms | p99 ms | non-2xx | errors | Taskboard ÷ anchor | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for case in cases:
        key = (case.label,)
        ours, theirs = medians[(*key, "taskboard")], medians[(*key, "anchor")]
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
    args = parse_args()
    anchor_dir = args.anchor_dir.resolve()
    anchor_python = args.anchor_python.absolute()  # not resolve(): a venv python is a symlink
    started = datetime.now(UTC)
    machine_line = machine()
    (BENCH / "out").mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"{started:%Y%m%d-%H%M%S}-", dir=BENCH / "out"))
    print(f"Working in {workdir}")
    taskboard_env = taskboard_settings(workdir)
    anchor_env = {"SEEDAPP_DB_URL": f"sqlite:///{workdir / 'anchor' / 'sql_app.db'}", "SEEDAPP_POOL": "null"}
    print("Seeding Taskboard ...", flush=True)
    seed_line = seed_taskboard(taskboard_env)
    print(f"  {seed_line}")
    print("Seeding the anchor ...", flush=True)
    seed_anchor(anchor_python, anchor_dir, anchor_env)

    cases = [c for c in CASES if not args.only or c.name in args.only]
    servers: dict[str, Server] = {}
    try:
        start_servers(servers, workdir, taskboard_env, anchor_dir, anchor_python.parent, anchor_env)
        browser = Browser(servers["taskboard"].url)
        task_ids = demo_task_ids(workdir / "taskboard.db")
        wrk_env = wrk_settings(browser.log_in(), task_ids)
        samples, hello_samples = measure_rounds(args, cases, servers, browser, task_ids, wrk_env, anchor_dir)
        for server in servers.values():
            server.stop()
        print("Memory: a fresh Taskboard under the mixed load ...", flush=True)
        servers["memory"] = start_taskboard("memory", taskboard_env, workdir)
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


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchor-dir", type=Path, required=True)
    parser.add_argument("--anchor-python", type=Path, required=True)
    parser.add_argument("--seconds", type=int, default=15, help="length of each measured wrk run")
    parser.add_argument("--warmup", type=int, default=3, help="length of the warm-up before each run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="case names to run (list task users create mixed)")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    return parser.parse_args()


def taskboard_settings(workdir: Path) -> dict:
    """Taskboard's production settings on a SQLite file of this run."""
    return {
        "TASKBOARD_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": f"sqlite:///{workdir / 'taskboard.db'}",
        "TASKBOARD_INSTANCE_PATH": str(workdir / "instance"),
        # wrk speaks plain HTTP to 127.0.0.1, with no TLS proxy in front: production's https
        # default would make the session cookie Secure, and the login's cookie would never come back.
        "PREFERRED_URL_SCHEME": "http",
    }


def start_taskboard(name: str, env: dict, workdir: Path) -> Server:
    command = [str(TASKBOARD_VENV / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"]
    return start_server(name, command, env, ROOT, workdir, "/healthz")


def start_servers(
    servers: dict, workdir: Path, taskboard_env: dict, anchor_dir: Path, anchor_bin: Path, anchor_env: dict
) -> None:
    """Taskboard, the anchor and the hello floor, added to `servers` as each answers (so all are stopped)."""
    servers["taskboard"] = start_taskboard("taskboard", taskboard_env, workdir)
    servers["anchor"] = start_server(
        "anchor",
        [str(anchor_bin / "gunicorn"), "main:app", "-k", "uvicorn.workers.UvicornWorker", "-w", "2"],
        anchor_env,
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


def measure_rounds(args, cases, servers, browser, task_ids, wrk_env, anchor_dir) -> tuple[dict, list[Result]]:
    """Every case on both servers, round after round, and the hello floor once a round."""
    samples: dict[tuple, list[Result]] = {}
    hello_samples = []
    for round_number in range(1, args.rounds + 1):
        for case in cases:
            for server_name in ("taskboard", "anchor"):
                result = measure_case(args, case, server_name, servers, browser, task_ids, wrk_env, anchor_dir)
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
    return samples, hello_samples


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
    return wrk(url, args.seconds, case.connections, script, env)


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
