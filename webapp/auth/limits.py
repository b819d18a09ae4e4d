"""Rate limits against password guessing and scripted sign-ups.

Only failures count against login and password confirmation, so a person who
types correctly, and ordinary use of the pages, never meet a limit.
"""

from flask import Response, request, session
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..crud.users import normalise_email
from ..extensions import limiter

FAILURES_PER_MINUTE = "10 per minute"
REGISTRATIONS_PER_MINUTE = "10 per minute"
# Emails sent on request: few per account (its owner's inbox), more per address (a shared office).
EMAILS_PER_ACCOUNT = "5 per hour"
EMAILS_PER_ADDRESS = "20 per hour"


def refused(response: Response) -> bool:
    """A form sent back with errors (a wrong password among them)."""
    return bool(response.status_code == 422)


def submitted_account() -> str:
    return "account:" + normalise_email(request.form.get("email", ""))


def second_step_account() -> str:
    """The account whose code is being asked for (the user id, from the half-done login)."""
    user = session.get("second_step", {}).get("user", "")
    return "second-step:" + str(user).partition(":")[0]


def signed_in_user() -> str:
    return f"user:{current_user.id}" if current_user.is_authenticated else get_remote_address()


login_failures_per_ip = limiter.limit(
    FAILURES_PER_MINUTE, key_func=get_remote_address, methods=["POST"], deduct_when=refused
)
login_failures_per_account = limiter.limit(
    FAILURES_PER_MINUTE, key_func=submitted_account, methods=["POST"], deduct_when=refused
)
registrations_per_ip = limiter.limit(REGISTRATIONS_PER_MINUTE, methods=["POST"])
# Changing the email or the password both take the current password: one budget for both.
password_confirmations = limiter.shared_limit(
    FAILURES_PER_MINUTE,
    scope="password-confirmation",
    key_func=signed_in_user,
    methods=["POST"],
    deduct_when=refused,
)
code_failures_per_ip = limiter.limit(
    FAILURES_PER_MINUTE, key_func=get_remote_address, methods=["POST"], deduct_when=refused
)
code_failures_per_account = limiter.limit(
    FAILURES_PER_MINUTE, key_func=second_step_account, methods=["POST"], deduct_when=refused
)
# Every request counts, not only failures: each one may send an email to someone.
reset_requests_per_ip = limiter.limit(EMAILS_PER_ADDRESS, key_func=get_remote_address, methods=["POST"])
reset_requests_per_account = limiter.limit(EMAILS_PER_ACCOUNT, key_func=submitted_account, methods=["POST"])
verification_emails_per_user = limiter.limit(EMAILS_PER_ACCOUNT, key_func=signed_in_user, methods=["POST"])
# Setting up, switching off and new recovery codes all take the password (and a code).
two_factor_confirmations = limiter.shared_limit(
    FAILURES_PER_MINUTE,
    scope="two-factor-confirmation",
    key_func=signed_in_user,
    methods=["POST"],
    deduct_when=refused,
)
