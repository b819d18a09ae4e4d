"""The signed-in person's own account: change the email or the password, confirm the email, take out or
delete their data."""

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, stream_with_context, url_for
from flask.typing import ResponseReturnValue
from flask_babel import refresh
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from .. import audit, clock, crud
from ..forms import populate_errors
from ..i18n import _, ngettext
from ..models import ColourMode, User, utcnow
from ..passwords import PASSWORD_MIN
from .emails import say_where_mail_went, send_address_in_use, send_email_confirmation
from .forms import (
    ActionForm,
    AppearanceForm,
    ChangeEmailForm,
    ChangePasswordForm,
    DeleteAccountForm,
    LanguageForm,
    NotificationSettingsForm,
    TimeZoneForm,
)
from .limits import password_confirmations, verification_emails_per_user
from .own_data import export_zip
from .sessions import end_session, start_session

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.before_request
@login_required
def require_login() -> None:
    """Only a signed-in person has an account page."""


# Both forms share one page, so their fields carry a prefix to keep ids and labels unique.
def email_form(**kwargs: Any) -> ChangeEmailForm:
    return ChangeEmailForm(prefix="change_email", **kwargs)


def password_form(**kwargs: Any) -> ChangePasswordForm:
    return ChangePasswordForm(prefix="change_password", **kwargs)


def time_zone_form(**kwargs: Any) -> TimeZoneForm:
    return TimeZoneForm(prefix="time_zone", **kwargs)


def notifications_form(**kwargs: Any) -> NotificationSettingsForm:
    return NotificationSettingsForm(prefix="notifications", **kwargs)


@bp.get("")
def show() -> ResponseReturnValue:
    return account_page()


@bp.post("/email")
@password_confirmations
def change_email() -> ResponseReturnValue:
    """The new address takes effect once confirmed from the link sent to it; the answer is the same
    whether or not another account has it (then that account's owner is told instead)."""
    form = email_form()
    if form.validate_on_submit():
        try:
            secret = crud.request_email_change(current_user._get_current_object(), form.password.data, form.email.data)
        except crud.WrongPassword as error:
            audit.wrong_password_confirmation()
            populate_errors(form, error)
        else:
            if secret is None:
                send_address_in_use(form.email.data)
            else:
                send_email_confirmation(form.email.data, secret)
            flash(
                _(
                    "We sent a link to %(new)s. Your email changes once you follow it; until then it stays %(old)s.",
                    new=form.email.data,
                    old=current_user.email,
                ),
                "success",
            )
            say_where_mail_went()
            return redirect(url_for("account.show"))
    return account_page(changing_email=form)


@bp.post("/password")
@password_confirmations
def change_password() -> ResponseReturnValue:
    form = password_form()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            revoked = crud.change_password(user, form.current_password.data, form.password.data)
        except crud.WrongPassword as error:
            audit.wrong_password_confirmation()
            populate_errors(form, error)
        else:
            start_session(user)  # this session goes on with the new version; all others are over
            flash(password_changed(revoked), "success")
            return redirect(url_for("account.show"))
    return account_page(changing_password=form)


@bp.post("/time-zone")
def change_time_zone() -> ResponseReturnValue:
    form = time_zone_form()
    if form.validate_on_submit():
        try:
            user = crud.set_time_zone(current_user._get_current_object(), form.time_zone.data)
        except crud.UnknownTimeZone as error:
            populate_errors(form, error)
        else:
            flash(_("Your time zone is now %(zone)s.", zone=user.time_zone), "success")
            return redirect(url_for("account.show"))
    return account_page(changing_time_zone=form)


@bp.post("/notifications")
def change_notifications() -> ResponseReturnValue:
    form = notifications_form()
    if form.validate_on_submit():
        user = crud.set_email_notifications(current_user._get_current_object(), form.email_notifications.data)
        crud.set_digest_time(user, form.digest_time.data)
        flash(settings_summary(user), "success")
        return redirect(url_for("account.show"))
    return account_page(changing_notifications=form)


def settings_summary(user: User) -> str:
    if user.digest_time is None:
        if user.email_notifications:
            return _("Notifications are emailed to you; no daily digest.")
        return _("Notifications are no longer emailed to you; no daily digest.")
    at = f"{user.digest_time:%H:%M}"
    if user.email_notifications:
        return _("Notifications are emailed to you; a daily digest at %(time)s.", time=at)
    return _("Notifications are no longer emailed to you; a daily digest at %(time)s.", time=at)


def password_changed(revoked: int) -> str:
    if not revoked:
        return _("Your password is changed. Your other sessions have been logged out.")
    return ngettext(
        "Your password is changed. Your other sessions have been logged out and your %(num)d API token revoked: "
        "create a new one for your scripts.",
        "Your password is changed. Your other sessions have been logged out and your %(num)d API tokens revoked: "
        "create new ones for your scripts.",
        revoked,
    )


def appearance_form(**kwargs: Any) -> AppearanceForm:
    return AppearanceForm(prefix="appearance", data={"colour_mode": current_user.colour_mode.value}, **kwargs)


@bp.post("/appearance")
def change_appearance() -> ResponseReturnValue:
    form = appearance_form()
    if form.validate_on_submit():
        crud.set_colour_mode(current_user._get_current_object(), ColourMode(form.colour_mode.data))
        flash(_("Your colour mode is saved."), "success")
        return redirect(url_for("account.show"))
    return account_page(changing_appearance=form)


@bp.post("/verify-email")
@verification_emails_per_user
def send_confirmation_again() -> ResponseReturnValue:
    user = current_user._get_current_object()
    if not user.email_verified:
        send_email_confirmation(user.email, crud.request_email_verification(user))
        flash(_("We sent a new link to %(email)s. Follow it to confirm your address.", email=user.email), "success")
        say_where_mail_went()
    return redirect(url_for("account.show"))


def language_form(**kwargs: Any) -> LanguageForm:
    return LanguageForm(prefix="language", data={"locale": current_user.locale or ""}, **kwargs)


@bp.post("/language")
def change_language() -> ResponseReturnValue:
    form = language_form()
    if form.validate_on_submit():
        crud.set_locale(current_user._get_current_object(), form.locale.data or None)
        refresh()  # the message below is already in the language chosen
        flash(_("Your language is saved."), "success")
        return redirect(url_for("account.show"))
    return account_page(choosing_language=form)


def delete_form(**kwargs: Any) -> DeleteAccountForm:
    """The password always; a two-factor code only from an account that has two-factor login."""
    form = DeleteAccountForm(prefix="delete_account", **kwargs)
    if not current_user.two_factor_enabled:
        del form.code
    return form


@bp.post("/calendar")
def new_calendar_address() -> ResponseReturnValue:
    """Give the calendar feed a (new) secret address; the old one stops working."""
    if ActionForm().validate_on_submit():
        crud.regenerate_calendar_token(current_user._get_current_object())
        flash(_("Your calendar feed has a new address; the previous one no longer works."), "success")
    return redirect(url_for("account.show"))


@bp.get("/data.zip")
def download_data() -> Response:
    now = utcnow()
    return Response(
        stream_with_context(export_zip(current_user.id, now)),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="taskboard-data-{now:%Y-%m-%d}.zip"'},
    )


@bp.post("/delete")
@password_confirmations
def delete_account() -> ResponseReturnValue:
    form = delete_form()
    if form.validate_on_submit():
        try:
            code = form.code.data if "code" in form else None
            crud.delete_account(current_user._get_current_object(), form.password.data, code)
        except crud.WrongPassword as error:
            audit.wrong_password_confirmation()
            populate_errors(form, error)
        except (crud.WrongCode, crud.ForbiddenChange) as error:
            populate_errors(form, error)
        else:
            end_session()
            flash(_("Your account and everything in it have been deleted."), "success")
            return redirect(url_for("auth.login"))
    return account_page(deleting=form)


def account_page(
    changing_email: ChangeEmailForm | None = None,
    changing_password: ChangePasswordForm | None = None,
    changing_time_zone: TimeZoneForm | None = None,
    changing_notifications: NotificationSettingsForm | None = None,
    deleting: DeleteAccountForm | None = None,
    choosing_language: LanguageForm | None = None,
    changing_appearance: AppearanceForm | None = None,
) -> ResponseReturnValue:
    """The page with its forms; the one just sent keeps what was typed and its errors (422)."""
    forms: dict[str, FlaskForm] = {
        "email_form": changing_email or email_form(formdata=None),
        "password_form": changing_password or password_form(formdata=None),
        "time_zone_form": changing_time_zone or time_zone_form(formdata=None, obj=current_user),
        "notifications_form": changing_notifications or notifications_form(formdata=None, obj=current_user),
        "delete_form": deleting or delete_form(formdata=None),
        "language_form": choosing_language or language_form(formdata=None),
        "appearance_form": changing_appearance or appearance_form(formdata=None),
    }
    status = 422 if any(form.errors for form in forms.values()) else 200
    return render_template(
        "account/show.html",
        heading=_("Your account"),
        password_min=PASSWORD_MIN,
        pending_email=crud.pending_email(current_user),
        zone_names=clock.zone_names(),
        **forms,
    ), status
