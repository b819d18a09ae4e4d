"""Form pieces shared by several features."""

from wtforms import EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from .models import DESCRIPTION_MAX, EMAIL_MAX, TITLE_MAX

PASSWORD_MIN = 10
PASSWORD_MAX = 128


def strip(value):
    return value.strip() if isinstance(value, str) else value


def email_field(label: str = "Email") -> EmailField:
    return EmailField(
        label,
        filters=[strip],
        validators=[DataRequired(), Length(max=EMAIL_MAX), Email(message="Enter a valid email address.")],
    )


def new_password_field(label: str = "Password") -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(),
            Length(
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
                message=f"Use between {PASSWORD_MIN} and {PASSWORD_MAX} characters.",
            ),
        ],
    )


def title_field() -> StringField:
    return StringField("Title", filters=[strip], validators=[DataRequired(), Length(max=TITLE_MAX)])


def description_field() -> TextAreaField:
    return TextAreaField(
        "Description", filters=[strip], validators=[Optional(), Length(max=DESCRIPTION_MAX)]
    )
