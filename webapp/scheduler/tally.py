"""What one run of the scheduler did, for its log line, the metrics and the tests."""

from dataclasses import dataclass
from datetime import timedelta


@dataclass
class Tally:
    reminders: int = 0
    #: Reminders sent later than their time, because no scheduler ran then.
    late: int = 0
    digests: int = 0
    emails: int = 0
    #: How long the oldest thing this run found due had been waiting, in seconds.
    lag_seconds: float = 0.0

    def waited(self, delay: timedelta) -> None:
        """Something due had waited this long when this run took it."""
        self.lag_seconds = max(self.lag_seconds, delay.total_seconds())

    def __str__(self) -> str:
        return (
            f"{self.reminders} reminder(s) ({self.late} late), {self.digests} digest(s), {self.emails} email(s); "
            f"lag {self.lag_seconds:.1f} s"
        )
