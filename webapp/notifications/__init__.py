"""The bell in the navigation and the /notifications page."""

from .views import bp, keep_unread_count, unread_notifications

__all__ = ["bp", "keep_unread_count", "unread_notifications"]
