"""/reset-password: a link by email to choose a new password, for people who forgot theirs.

The request page answers the same, in the same time, whether or not the address
has an account: the email goes out after the response (see webapp.mail).
"""

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from .. import audit, crud
from ..i18n import _
from ..pages import form_page
from .emails import say_where_mail_went, send_password_reset
from .forms import NewPasswordForm, ResetRequestForm
from .limits import reset_requests_per_account, reset_requests_per_ip
from .sessions import begin_second_step, start_session

bp = Blueprint("password_reset", __name__, url_prefix="/reset-password")


@bp.route("", methods=["GET", "POST"])
@reset_requests_per_ip
@reset_requests_per_account
def request() -> Response | tuple[str, int]:
    form = ResetRequestForm()
    if form.validate_on_submit():
        send_password_reset(form.email.data)
        flash(
            _(
                "If %(email)s belongs to an account, we sent it a link to choose a new password. "
                "It works once, within 60 minutes.",
                email=form.email.data,
            ),
            "success",
        )
        say_where_mail_went()
        return redirect(url_for("password_reset.request"))
    return form_page(
        "auth/reset_request.html", form, heading=_("Forgot your password?"), submit_label=_("Send me a link")
    )


@bp.route("/<secret>", methods=["GET", "POST"])
def choose(secret: str) -> Response | tuple[str, int]:
    try:
        account = crud.password_reset_account(secret)
    except crud.InvalidLink:
        return link_invalid("password_reset.request")
    form = NewPasswordForm(account_email=account.email)
    if form.validate_on_submit():
        try:
            user = crud.reset_password(secret, form.password.data)
        except crud.InvalidLink:
            return link_invalid("password_reset.request")
        audit.account_changed("password reset by emailed link", user.id)
        if user.two_factor_enabled:
            begin_second_step(user, None)
            flash(_("Your password is changed. Enter a code to log in."), "success")
            return redirect(url_for("auth.second_factor"))
        start_session(user)
        flash(
            _("Your password is changed and you are logged in. Your other sessions and API tokens have ended."),
            "success",
        )
        return redirect(url_for("tasks.index"))
    return form_page("_form_page.html", form, heading=_("Choose a new password"), submit_label=_("Set new password"))


def link_invalid(request_endpoint: str) -> tuple[str, int]:
    """The friendly answer to an unknown, altered, used or expired link: ask for a new one."""
    return render_template(
        "auth/link_invalid.html", heading=_("This link does not work any more"), request_url=url_for(request_endpoint)
    ), 404
