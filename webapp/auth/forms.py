from typing import Any

from flask_babel import LazyString
from flask_login import current_user
from wtforms import BooleanField, HiddenField, PasswordField, RadioField, SelectField, StringField, TimeField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from .. import clock
from ..forms import PageForm, email_field, new_password_field, strip
from ..i18n import LANGUAGES, _l
from ..models import TIME_ZONE_MAX, ColourMode

CODE_MAX = 40
CODE_DESCRIPTION = _l("The 6 digits your authenticator app shows, or one of your recovery codes.")


def confirm_field(label: str | LazyString = _l("Confirm password")) -> PasswordField:
    return PasswordField(
        label, validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))]
    )


def code_field(label: str | LazyString = _l("Code")) -> StringField:
    return StringField(
        label,
        filters=[strip],
        validators=[DataRequired(), Length(max=CODE_MAX)],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"},
        description=CODE_DESCRIPTION,
    )


class RegisterForm(PageForm):
    email = email_field()
    password = new_password_field()
    confirm = confirm_field()
    # Filled with the browser's zone by static/js/app.js; the account page changes it.
    time_zone = HiddenField(default=clock.DEFAULT_ZONE, render_kw={"data-browser-time-zone": ""})


class TimeZoneForm(PageForm):
    time_zone = StringField(
        _l("Time zone"),
        filters=[strip],
        validators=[DataRequired(), Length(max=TIME_ZONE_MAX)],
        render_kw={"list": "time-zone-names", "autocomplete": "off", "spellcheck": "false"},
        description=_l("Type to search, e.g. “Berlin” or “America/”. Your today, overdue and reminders follow it."),
    )


class NotificationSettingsForm(PageForm):
    email_notifications = BooleanField(
        _l("Email me my notifications"),
        description=_l("Reminders and everything under the bell also go to your email address."),
    )
    digest_time = TimeField(
        _l("Daily digest at"),
        validators=[Optional()],
        description=_l("Your tasks due today and overdue, every day at this time in your time zone. Empty: no digest."),
    )


class LoginForm(PageForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class SecondFactorForm(PageForm):
    code = code_field()


class ChangeEmailForm(PageForm):
    email = email_field(_l("New email"))
    password = PasswordField(_l("Current password"), validators=[DataRequired()])


class ChangePasswordForm(PageForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = new_password_field(_l("New password"), email_of=lambda form: current_user.email)
    confirm = confirm_field(_l("Confirm new password"))


class AppearanceForm(PageForm):
    colour_mode = RadioField(
        _l("Colour mode"),
        choices=[
            SelectChoice(ColourMode.SYSTEM.value, _l("System")),
            SelectChoice(ColourMode.LIGHT.value, _l("Light")),
            SelectChoice(ColourMode.DARK.value, _l("Dark")),
        ],
        description=_l("System follows the light or dark setting of your device."),
    )


class ResetRequestForm(PageForm):
    email = email_field()


class NewPasswordForm(PageForm):
    """A new password for the account a reset link is for (`account_email`, for the password rules)."""

    password = new_password_field(_l("New password"), email_of=lambda form: form.account_email)
    confirm = confirm_field(_l("Confirm new password"))

    def __init__(self, account_email: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.account_email = account_email


class ActionForm(PageForm):
    """A button that changes something: only the CSRF token."""


class EnableTwoFactorForm(PageForm):
    code = StringField(
        _l("Code from your app"),
        filters=[strip],
        validators=[DataRequired(), Length(max=CODE_MAX)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    password = PasswordField(_l("Current password"), validators=[DataRequired()])


class DisableTwoFactorForm(PageForm):
    password = PasswordField(_l("Current password"), validators=[DataRequired()])
    code = code_field()


class DeleteAccountForm(PageForm):
    password = PasswordField(_l("Current password"), validators=[DataRequired()])
    # Asked for only when the account has two-factor login (the template leaves it out otherwise).
    code = StringField(
        _l("Two-factor code"),
        filters=[strip],
        validators=[Optional(), Length(max=CODE_MAX)],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"},
        description=CODE_DESCRIPTION,
    )


class RecoveryCodesForm(PageForm):
    password = PasswordField(_l("Current password"), validators=[DataRequired()])


class LanguageForm(PageForm):
    """The language of the person's pages; empty follows the browser's (Accept-Language)."""

    locale = SelectField(
        _l("Language"),
        choices=[SelectChoice("", _l("Automatic (your browser’s language)"))]
        + [SelectChoice(code, name) for code, name in LANGUAGES.items()],
    )
