"""What a person sets for themselves: the time zone their days, times, reminders and digest are in."""

from .. import clock
from ..extensions import db
from ..models import User
from .errors import UnknownTimeZone
from .reminder_times import follow_zone


def checked_zone(name: str) -> str:
    """The IANA name, if this system knows it; UnknownTimeZone otherwise."""
    if not clock.is_zone(name):
        raise UnknownTimeZone()
    return name


def proposed_zone(name: str | None) -> str:
    """The zone a browser proposed at registration if it is one we know, else UTC (the person can change it)."""
    return name if name and clock.is_zone(name) else clock.DEFAULT_ZONE


def set_time_zone(user: User, time_zone: str) -> User:
    """The person's zone; their relative reminders and digest keep their local times in it."""
    user.time_zone = checked_zone(time_zone)
    follow_zone(user, clock.now())
    db.session.commit()
    return user
