"""/account/two-factor: switching two-factor login (TOTP) on and off, and recovery codes.

Enrolment shows the secret as a QR code drawn on the server (segno, plain SVG in
the page: no script, no outside service) and as text, and takes effect only
once a code made from it is entered. Switching it on or off ends every other
session of the account.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import segno
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from .. import audit, crud
from ..i18n import _, message_of
from ..models import User
from .forms import ActionForm, DisableTwoFactorForm, EnableTwoFactorForm, RecoveryCodesForm
from .limits import two_factor_confirmations
from .sessions import start_session

bp = Blueprint("two_factor", __name__, url_prefix="/account/two-factor")
T = TypeVar("T")


@bp.before_request
@login_required
def require_login() -> None:
    """Only the signed-in person changes their own second factor."""


def me() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]


@bp.get("")
def show() -> tuple[str, int]:
    return two_factor_page()


@bp.post("/setup")
def setup() -> Response:
    if ActionForm().validate_on_submit() and not me().two_factor_enabled:
        crud.start_enrolment(me())
    return redirect(url_for("two_factor.show"))


@bp.post("/enable")
@two_factor_confirmations
def enable() -> Response | tuple[str, int]:
    form = EnableTwoFactorForm()
    if not me().totp_secret or me().two_factor_enabled:
        return redirect(url_for("two_factor.show"))
    if form.validate_on_submit():
        user = me()
        codes = confirmed(form, lambda: crud.confirm_enrolment(user, form.password.data, form.code.data))
        if codes is not None:
            audit.account_changed("two-factor login switched on", user.id)
            start_session(user)  # every other session ended with the change
            flash(_("Two-factor login is on. Your other sessions have been logged out."), "success")
            return two_factor_page(recovery_codes=codes)
    return two_factor_page(enable_form=form)


@bp.post("/recovery-codes")
@two_factor_confirmations
def recovery_codes() -> tuple[str, int]:
    form = RecoveryCodesForm()
    if form.validate_on_submit() and me().two_factor_enabled:
        codes = confirmed(form, lambda: crud.regenerate_recovery_codes(me(), form.password.data))
        if codes is not None:
            audit.account_changed("recovery codes replaced", me().id)
            flash(_("New recovery codes made; the old ones no longer work."), "success")
            return two_factor_page(recovery_codes=codes)
    return two_factor_page(codes_form=form)


@bp.post("/disable")
@two_factor_confirmations
def disable() -> Response | tuple[str, int]:
    form = DisableTwoFactorForm()
    if form.validate_on_submit():
        user = me()
        if confirmed(form, lambda: crud.disable_two_factor(user, form.password.data, form.code.data)) is not None:
            audit.account_changed("two-factor login switched off", user.id)
            start_session(user)
            flash(_("Two-factor login is off. Your other sessions have been logged out."), "success")
            return redirect(url_for("two_factor.show"))
    return two_factor_page(disable_form=form)


def confirmed(form: Any, change: Callable[[], T]) -> T | None:
    """Make a change confirmed by the password (and a code); a wrong one goes next to its field."""
    try:
        return change()
    except crud.WrongPassword as error:
        audit.wrong_password_confirmation()
        form.password.errors.append(message_of(error))
    except (crud.WrongCode, crud.ForbiddenChange) as error:  # ForbiddenChange: another tab came first
        form.code.errors.append(message_of(error))
    return None


def qr_code_svg(uri: str) -> Markup:
    """The otpauth URI as an SVG QR code to put in the page (segno escapes the title)."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title=_("QR code of your two-factor secret"), svgclass="qr-code"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def two_factor_page(
    recovery_codes: list[str] | None = None,
    enable_form: EnableTwoFactorForm | None = None,
    codes_form: RecoveryCodesForm | None = None,
    disable_form: DisableTwoFactorForm | None = None,
) -> tuple[str, int]:
    """The page for the account's state; a form just sent keeps its errors (422)."""
    user = me()
    enrolling = not user.two_factor_enabled and user.totp_secret is not None
    context: dict[str, object] = {
        "recovery_codes": recovery_codes,
        "setup_form": ActionForm(formdata=None),
        "enable_form": enable_form or EnableTwoFactorForm(formdata=None),
        "codes_form": codes_form or RecoveryCodesForm(formdata=None),
        "disable_form": disable_form or DisableTwoFactorForm(formdata=None),
    }
    if enrolling:
        uri = crud.provisioning_uri(user)
        context.update(qr_code=qr_code_svg(uri), secret=user.totp_secret)
    if user.two_factor_enabled:
        context["unused_codes"] = crud.unused_recovery_codes(user)
    sent = [form for form in (enable_form, codes_form, disable_form) if form is not None]
    status = 422 if any(form.errors for form in sent) else 200
    return render_template("account/two_factor.html", heading=_("Two-factor login"), **context), status
