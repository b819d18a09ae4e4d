"""One run of the scheduler: each step, batch after batch, until nothing it handles is due."""

from collections.abc import Callable
from datetime import datetime

from .. import clock
from .outbox import EMAIL_BATCH, email_notifications
from .tally import Tally

Step = Callable[[datetime, Tally], int]

# In order: what is due creates notifications, whose emails go out in the same run.
STEPS: tuple[tuple[Step, int], ...] = ((email_notifications, EMAIL_BATCH),)


def run_once(now: datetime | None = None) -> Tally:
    """Do everything due at `now` (default: the clock's now); each batch is its own transaction."""
    now = now or clock.now()
    tally = Tally()
    for step, batch in STEPS:
        while step(now, tally) == batch:
            pass
    return tally
