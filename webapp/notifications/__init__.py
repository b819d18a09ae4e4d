"""The bell in the navigation and the /notifications page."""

from .views import bp, unread_notifications

__all__ = ["bp", "unread_notifications"]
