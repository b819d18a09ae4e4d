"""One run of the scheduler: each step, batch after batch, until nothing it handles is due."""

import time
from collections.abc import Callable
from datetime import datetime

from .. import clock
from ..extensions import db
from .due import DIGEST_BATCH, REMINDER_BATCH, send_due_digests, send_due_reminders
from .outbox import EMAIL_BATCH, email_notifications
from .tally import Tally

Step = Callable[[datetime, Tally], int]

# In order: what is due creates notifications, whose emails go out in the same run.
STEPS: tuple[tuple[Step, int], ...] = (
    (send_due_reminders, REMINDER_BATCH),
    (send_due_digests, DIGEST_BATCH),
    (email_notifications, EMAIL_BATCH),
)


# SQLite's busy wait is not first come, first served: a scheduler that began its next batch at once
# would keep the write lock from everyone else (web requests, another scheduler) for the whole run.
SQLITE_PAUSE_S = 0.05


def run_once(now: datetime | None = None) -> Tally:
    """Do everything due at `now` (default: the clock's now); each batch is its own transaction."""
    now = now or clock.now()
    pause = SQLITE_PAUSE_S if db.engine.dialect.name == "sqlite" else 0
    tally = Tally()
    for step, batch in STEPS:
        while step(now, tally) == batch:
            time.sleep(pause)
    return tally
