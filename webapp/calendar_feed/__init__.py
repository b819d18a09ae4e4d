"""A person's tasks as an iCalendar feed, at a secret address their calendar application subscribes to."""

from .views import bp

__all__ = ["bp"]
