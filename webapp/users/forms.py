from wtforms import BooleanField, EmailField, RadioField
from wtforms.fields import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional

from ..forms import PageForm, email_field, new_password_field, strip
from ..i18n import _l
from ..models import EMAIL_MAX


class UserCreateForm(PageForm):
    email = email_field()
    password = new_password_field()
    is_admin = BooleanField(_l("Administrator"))


class UserEditForm(PageForm):
    email = email_field()
    is_active = BooleanField(_l("Active"))
    is_admin = BooleanField(_l("Administrator"))


class RegistrationModeForm(PageForm):
    mode = RadioField(
        _l("Who may create an account"),
        choices=[
            SelectChoice("open", _l("Anyone who reaches this site")),
            SelectChoice("invite", _l("Only people with an invitation link")),
            SelectChoice("closed", _l("Nobody: admins create accounts")),
        ],
        validators=[InputRequired()],
    )


class InvitationForm(PageForm):
    email = EmailField(
        _l("Email (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=EMAIL_MAX), Email(message=_l("Enter a valid email address."))],
        description=_l("Given, the link works only for this address and is sent to it."),
    )
