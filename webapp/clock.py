"""The one place that says what time it is, and so what day it is in a person's time zone, so that due-date
rules, reminders, the scheduler and tests agree. Tests fix `now`."""

from datetime import UTC, date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_ZONE = "UTC"


def now() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


def today(zone: tzinfo = UTC) -> date:
    """The calendar day it is now in `zone`: at UTC+14 it is tomorrow hours before it is in London."""
    return now().astimezone(zone).date()


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA time zone name this system knows, sorted."""
    return tuple(sorted(available_timezones()))


def is_zone(name: str) -> bool:
    return name in zone_names()


def zone(name: str) -> ZoneInfo:
    """The zone called `name`; UTC for a name this system does not know (e.g. one removed from tzdata)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)
