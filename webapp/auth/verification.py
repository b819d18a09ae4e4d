"""/verify-email/<secret>: confirming an address from the link sent to it.

The link opens a page with a button rather than confirming at once, so mail
scanners that open every link in a message confirm nothing.
"""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import audit, crud
from ..i18n import _
from .emails import send_email_changed
from .forms import ActionForm
from .password_reset import link_invalid

bp = Blueprint("verification", __name__, url_prefix="/verify-email")


@bp.route("/<secret>", methods=["GET", "POST"])
def confirm(secret: str) -> Response | tuple[str, int]:
    try:
        link = crud.email_to_confirm(secret)
    except crud.InvalidLink:
        return link_invalid("account.show")
    form = ActionForm()
    if form.validate_on_submit():
        try:
            user, old_email = crud.confirm_email(secret)
        except crud.InvalidLink:
            return link_invalid("account.show")
        except crud.EmailTaken:
            flash(_("Another account uses this address now, so it cannot become yours."), "danger")
            return redirect(url_for("auth.index"))
        audit.account_changed("email confirmed", user.id)
        if old_email != user.email:
            send_email_changed(old_email, user.email)
            flash(_("Your email is now %(email)s.", email=user.email), "success")
        else:
            flash(_("Thank you: %(email)s is confirmed.", email=user.email), "success")
        return redirect(url_for("tasks.index" if current_user.is_authenticated else "auth.login"))
    page = render_template(
        "auth/confirm_email.html", heading=_("Confirm your email address"), email=link.email, form=form
    )
    return page, 200
