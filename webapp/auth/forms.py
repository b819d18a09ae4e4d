from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo

from ..forms import email_field, new_password_field


def confirm_field(label: str = "Confirm password") -> PasswordField:
    return PasswordField(label, validators=[DataRequired(), EqualTo("password", message="The passwords do not match.")])


class RegisterForm(FlaskForm):
    email = email_field()
    password = new_password_field()
    confirm = confirm_field()


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField("Password", validators=[DataRequired()])


class ChangeEmailForm(FlaskForm):
    email = email_field("New email")
    password = PasswordField("Current password", validators=[DataRequired()])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired()])
    password = new_password_field("New password", email_of=lambda form: current_user.email)
    confirm = confirm_field("Confirm new password")
