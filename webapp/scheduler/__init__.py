"""`flask scheduler`: the process that sends what is due (reminders, digests) and the emails of notifications.

Each step claims a batch of due rows in a transaction that locks them (`FOR UPDATE SKIP LOCKED` on
PostgreSQL and MariaDB, so two schedulers take different rows; on SQLite every transaction outside a
request begins with `BEGIN IMMEDIATE`, the write lock, so they take turns), does its work and marks
the rows done before committing. A row is never done twice, and one whose time passed while no
scheduler ran is done when one runs again, marked late.
"""

from .commands import scheduler_command
from .run import run_once
from .tally import Tally

__all__ = ["Tally", "run_once", "scheduler_command"]
