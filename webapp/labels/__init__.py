"""The labels page: create, rename, recolour and delete labels."""

from .views import bp

__all__ = ["bp"]
