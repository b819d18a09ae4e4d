"""`flask scheduler`: wake every `--interval` seconds and run what is due; `--once` runs a single time."""

import logging
import signal
import threading
import time
from types import FrameType

import click
from flask.cli import with_appcontext
from prometheus_client import start_http_server
from sqlalchemy.exc import SQLAlchemyError

from .. import metrics
from ..extensions import db
from .run import run_once
from .tally import Tally

logger = logging.getLogger("taskboard.scheduler")

DEFAULT_INTERVAL_S = 30.0


@click.command("scheduler")
@click.option(
    "--interval",
    default=DEFAULT_INTERVAL_S,
    show_default=True,
    type=click.FloatRange(min=0.05),
    help="Seconds between runs.",
)
@click.option("--once", is_flag=True, help="Run once and exit.")
@click.option("--metrics-bind", default="", help="host:port to serve this process's Prometheus metrics on.")
@with_appcontext
def scheduler_command(interval: float, once: bool, metrics_bind: str) -> None:
    """Send due reminders, daily digests and notification emails."""
    if once:
        click.echo(f"Scheduler ran once: {run_and_record()}.")
        return
    if metrics_bind:
        host, _, port = metrics_bind.rpartition(":")
        start_http_server(int(port), addr=host or "127.0.0.1")
    stopping = threading.Event()

    def stop(_signal: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(f"Scheduler started: a run every {interval:g} s; Ctrl-C (or SIGTERM) stops it.")
    while not stopping.is_set():
        started = time.monotonic()
        try:
            tally = run_and_record()
        except SQLAlchemyError:  # the database is away: log it, and try again at the next wake
            db.session.rollback()
            logger.exception("Scheduler run failed; trying again in %g s", interval)
        else:
            if tally.reminders or tally.digests or tally.emails:
                logger.info("Scheduler sent %s", tally)
        stopping.wait(max(0.0, interval - (time.monotonic() - started)))
    click.echo("Scheduler stopped.")


def run_and_record() -> Tally:
    tally = run_once()
    metrics.SCHEDULER_LAG.set(tally.lag_seconds)
    metrics.SCHEDULER_LAST_RUN.set_to_current_time()
    for kind, count in (
        ("reminder", tally.reminders - tally.late),
        ("late_reminder", tally.late),
        ("digest", tally.digests),
        ("email", tally.emails),
    ):
        if count:
            metrics.SCHEDULER_SENT.labels(kind).inc(count)
    return tally
