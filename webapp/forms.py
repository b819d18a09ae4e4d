"""Form pieces shared by several features."""

from wtforms import EmailField, Form, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
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
    return TextAreaField("Description", filters=[strip], validators=[Optional(), Length(max=DESCRIPTION_MAX)])


class ListForm(Form):
    """The query parameters of a list page, read from the URL so every view is a link to keep.

    A value that does not validate is reported next to its field and the
    list falls back to that field's default. Subclasses set the sort choices.
    """

    PER_PAGE_CHOICES = (10, 25, 50, 100)

    q = StringField("Search", filters=[strip], validators=[Optional(), Length(max=TITLE_MAX)])
    sort = SelectField("Sort by")
    per_page = SelectField(
        "Per page", coerce=int, choices=[SelectChoice(n, str(n)) for n in PER_PAGE_CHOICES], default=25
    )

    @classmethod
    def from_args(cls, args):
        form = cls(args)
        form.validate()
        return form

    def values(self) -> dict:
        """The list's parameters as plain values, with defaults for any that were invalid."""
        return {name: field.default if field.errors else field.data for name, field in self._fields.items()}

    def query_args(self) -> dict:
        """The parameters that differ from the defaults: what a link to this view needs."""
        return {
            name: value
            for name, value in self.values().items()
            if value not in (None, "", []) and value != self[name].default
        }

    @staticmethod
    def sort_choices(labels: dict[str, str]) -> list[SelectChoice]:
        choices = []
        for key, label in labels.items():
            choices += [SelectChoice(key, f"{label}, ascending"), SelectChoice(f"-{key}", f"{label}, descending")]
        return choices
