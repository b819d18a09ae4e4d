"""Load from wrk: one run, its parsed figures, medians over rounds, and memory under load."""

import os
import re
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from servers import ROOT, Server

WRK_THREADS = 2
TASKBOARD_SCRIPT = ROOT / "bench" / "taskboard.lua"


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    errors: int
    requests: int
    # The server's CPU time (its processes' user + system, from /proc) per request, in ms.
    cpu_ms: float = float("nan")

    @property
    def ok_rps(self) -> float:
        """Requests per second answered with a success or a redirect (wrk counts 4xx and 5xx apart)."""
        return self.rps * (self.requests - self.non_2xx) / self.requests if self.requests else 0.0


def measured_wrk(server: Server, url: str, seconds: int, connections: int, script: Path | None, env: dict) -> Result:
    """A wrk run, with the CPU time the server spent on it per request."""
    before = server.cpu_seconds()
    result = wrk(url, seconds, connections, script, env)
    if result.requests:
        result.cpu_ms = (server.cpu_seconds() - before) * 1000 / result.requests
    return result


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
        cpu_ms=statistics.median(r.cpu_ms for r in results),
    )


# --- memory ----------------------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def memory_check(server: Server, wrk_env: dict) -> dict:
    """Each worker's RSS after about 1,000 and after at least 20,000 mixed requests."""
    script = TASKBOARD_SCRIPT
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
