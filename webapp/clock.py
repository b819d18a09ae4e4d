"""The one place that says what day it is (in UTC), so due-date rules and tests agree."""

from datetime import date, datetime, timezone


def today() -> date:
    return datetime.now(timezone.utc).date()
