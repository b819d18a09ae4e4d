"""Registration, login and logout, sessions, password resets, email confirmation, two-factor login,
and the person's own account page."""

from . import account, password_reset, two_factor, verification
from .views import bp

account_bp = account.bp
password_reset_bp = password_reset.bp
verification_bp = verification.bp
two_factor_bp = two_factor.bp

__all__ = ["account_bp", "bp", "password_reset_bp", "two_factor_bp", "verification_bp"]
