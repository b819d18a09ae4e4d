from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField
from wtforms.fields import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional

from ..forms import email_field, new_password_field, strip
from ..models import EMAIL_MAX


class UserCreateForm(FlaskForm):
    email = email_field()
    password = new_password_field()
    is_admin = BooleanField("Administrator")


class UserEditForm(FlaskForm):
    email = email_field()
    is_active = BooleanField("Active")
    is_admin = BooleanField("Administrator")


class RegistrationModeForm(FlaskForm):
    mode = RadioField(
        "Who may create an account",
        choices=[
            SelectChoice("open", "Anyone who reaches this site"),
            SelectChoice("invite", "Only people with an invitation link"),
            SelectChoice("closed", "Nobody: admins create accounts"),
        ],
        validators=[InputRequired()],
    )


class InvitationForm(FlaskForm):
    email = EmailField(
        "Email (optional)",
        filters=[strip],
        validators=[Optional(), Length(max=EMAIL_MAX), Email(message="Enter a valid email address.")],
        description="Given, the link works only for this address and is sent to it.",
    )
