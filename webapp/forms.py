"""Form pieces shared by several features."""

from wtforms import EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from .models import DESCRIPTION_MAX, EMAIL_MAX, TITLE_MAX
from .passwords import password_problem


def strip(value):
    return value.strip() if isinstance(value, str) else value


def email_field(label: str = "Email") -> EmailField:
    return EmailField(
        label,
        filters=[strip],
        validators=[DataRequired(), Length(max=EMAIL_MAX), Email(message="Enter a valid email address.")],
    )


def new_password_field(label: str = "Password", email_of=lambda form: form.email.data) -> PasswordField:
    """A password being chosen; `email_of(form)` is the email of the account it is for."""

    def acceptable(form, field):
        problem = password_problem(field.data, email_of(form))
        if problem:
            raise ValidationError(problem)

    return PasswordField(label, validators=[DataRequired(), acceptable])


def title_field() -> StringField:
    return StringField("Title", filters=[strip], validators=[DataRequired(), Length(max=TITLE_MAX)])


def description_field() -> TextAreaField:
    return TextAreaField(
        "Description", filters=[strip], validators=[Optional(), Length(max=DESCRIPTION_MAX)]
    )
