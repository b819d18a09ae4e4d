"""What one run of the scheduler did, for its log line, the metrics and the tests."""

from dataclasses import dataclass


@dataclass
class Tally:
    reminders: int = 0
    #: Reminders sent later than their time, because no scheduler ran then.
    late: int = 0
    digests: int = 0
    emails: int = 0
    #: How long the oldest thing this run found due had been waiting, in seconds.
    lag_seconds: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.reminders} reminder(s) ({self.late} late), {self.digests} digest(s), {self.emails} email(s); "
            f"lag {self.lag_seconds:.1f} s"
        )
