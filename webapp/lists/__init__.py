"""The list pages: your lists, one list's tasks, its board, and quick add."""

from . import board  # noqa: F401  (adds its routes to bp)
from .views import bp

__all__ = ["bp"]
