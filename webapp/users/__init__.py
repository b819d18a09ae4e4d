"""User administration, for admins only."""

from .views import bp

__all__ = ["bp"]
