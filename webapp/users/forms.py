from flask_wtf import FlaskForm
from wtforms import BooleanField

from ..forms import email_field, new_password_field


class UserCreateForm(FlaskForm):
    email = email_field()
    password = new_password_field()
    is_admin = BooleanField("Administrator")


class UserEditForm(FlaskForm):
    email = email_field()
    is_active = BooleanField("Active")
    is_admin = BooleanField("Administrator")
