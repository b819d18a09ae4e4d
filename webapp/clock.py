"""The one place that says what day it is (in UTC), so due-date rules and tests agree."""

from datetime import UTC, date, datetime


def today() -> date:
    return datetime.now(UTC).date()
