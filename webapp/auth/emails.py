"""The emails accounts send: what each says and where its link points.

Each runs after the response (see `webapp.mail.after_response`).
"""

from flask import flash

from .. import crud
from ..crud.links import LIFETIMES
from ..i18n import _, _l
from ..mail import after_response, external_url, mail_is_logged_only, send_email
from ..models import LinkPurpose


@after_response
def send_password_reset(email: str) -> None:
    """A reset link to the account with this email, if there is an active one; nothing otherwise.

    All of it, the lookup included, runs after the response: the page cannot tell which it was.
    """
    requested = crud.request_password_reset(email)
    if requested is None:
        return
    user, secret = requested
    send_email(
        user.email,
        _l("Reset your Taskboard password"),
        "password_reset",
        locale=user.locale,
        email=user.email,
        link=external_url("password_reset.choose", secret=secret),
        minutes=int(LIFETIMES[LinkPurpose.PASSWORD_RESET].total_seconds() // 60),
    )


@after_response
def send_email_confirmation(email: str, secret: str) -> None:
    send_email(
        email,
        _l("Confirm your email address for Taskboard"),
        "verify_email",
        email=email,
        link=external_url("verification.confirm", secret=secret),
        hours=int(LIFETIMES[LinkPurpose.VERIFY_EMAIL].total_seconds() // 3600),
    )


@after_response
def send_address_in_use(email: str) -> None:
    """Someone tried to use an address that already has an account: tell its owner, not them."""
    send_email(
        email,
        _l("Someone tried to use your email address on Taskboard"),
        "address_in_use",
        email=email,
        login_link=external_url("auth.login"),
        reset_link=external_url("password_reset.request"),
    )


@after_response
def send_email_changed(old_email: str, new_email: str) -> None:
    send_email(
        old_email,
        _l("The email of your Taskboard account was changed"),
        "email_changed",
        old_email=old_email,
        new_email=new_email,
        reset_link=external_url("password_reset.request"),
    )


@after_response
def send_invitation(email: str, inviter: str, secret: str) -> None:
    send_email(
        email,
        _l("You are invited to Taskboard"),
        "invitation",
        inviter=inviter,
        link=external_url("auth.register", invitation=secret),
        days=LIFETIMES[LinkPurpose.INVITATION].days,
    )


def say_where_mail_went() -> None:
    """Without MAIL_URL the email is in the server log: say so on the page, or nobody will find it."""
    if mail_is_logged_only():
        flash(
            _(
                "This server has no mail set up (MAIL_URL), so the email was written to the server log "
                "instead of being sent. Look there for the link."
            ),
            "warning",
        )
