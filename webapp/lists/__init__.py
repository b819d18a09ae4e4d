"""The list pages: your lists, one list's tasks, its board, quick add and its members."""

from . import board, members  # noqa: F401  (add their routes to bp)
from .views import bp

__all__ = ["bp"]
