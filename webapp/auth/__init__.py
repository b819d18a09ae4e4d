"""Registration, login and logout, sessions, and the person's own account page."""

from . import account
from .views import bp

account_bp = account.bp

__all__ = ["account_bp", "bp"]
