"""The task pages: the list, single tasks and their history, the trash, and CSV export and import."""

from . import comments, history, reminders, transfer, trash  # noqa: F401  (they add their routes to bp)
from .views import bp

__all__ = ["bp"]
