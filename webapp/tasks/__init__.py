"""The task pages: the list, single tasks, the trash, and CSV export and import."""

from . import comments, reminders, transfer, trash  # noqa: F401  (they add their routes to bp)
from .views import bp

__all__ = ["bp"]
