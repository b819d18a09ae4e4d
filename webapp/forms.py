"""Form pieces shared by several features."""

import secrets
from collections.abc import Callable
from functools import cache
from typing import Any, Self

from babel.support import NullTranslations, Translations
from flask_babel import LazyString
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    EmailField,
    Field,
    Form,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.form import BaseForm
from wtforms.i18n import messages_path
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .crud.common import DEFAULT_PER_PAGE, MAX_PER_PAGE
from .crud.errors import CrudError
from .i18n import DEFAULT_LOCALE, _l, message_of, page_locale
from .models import DESCRIPTION_MAX, EMAIL_MAX, FORM_TOKEN_MAX, TITLE_MAX
from .passwords import password_problem


class WTFormsMessages:
    """WTForms' own messages ("This field is required.") in the page's language.

    Flask-WTF reads the catalogue from disk again in every request that builds a form, which cost a
    quarter of a millisecond; the catalogues do not change while the app runs, so each is read once.
    """

    def gettext(self, string: str) -> str:
        return _wtforms_catalogue(_page_language()).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalogue(_page_language()).ungettext(singular, plural, n)


def _page_language() -> str:
    return str(page_locale() or DEFAULT_LOCALE)


@cache
def _wtforms_catalogue(locale: str) -> NullTranslations:
    return Translations.load(messages_path(), [locale], domain="wtforms")


WTFORMS_MESSAGES = WTFormsMessages()


class OwnMessagesMeta:
    """The Meta of every form of ours: WTForms' own messages in the page's language, as above."""

    def get_translations(self, form: Form) -> WTFormsMessages:
        return WTFORMS_MESSAGES


class PageForm(FlaskForm):
    """A form of the pages: Flask-WTF's (CSRF, the request's data), with WTForms' messages as above."""

    Meta = OwnMessagesMeta


def populate_errors(form: BaseForm, error: CrudError) -> None:
    """Show a domain error under the form field it names (the CRUD parameter of the same name)."""
    form[error.field].errors.append(message_of(error))


def strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def email_field(label: str | LazyString = _l("Email")) -> EmailField:
    return EmailField(
        label,
        filters=[strip],
        validators=[DataRequired(), Length(max=EMAIL_MAX), Email(message=_l("Enter a valid email address."))],
    )


def email_field_of(form: BaseForm) -> str | None:
    email: str | None = form.email.data
    return email


def new_password_field(
    label: str | LazyString = _l("Password"), email_of: Callable[[BaseForm], str | None] = email_field_of
) -> PasswordField:
    """A password being chosen; `email_of(form)` is the email of the account it is for."""

    def acceptable(form: BaseForm, field: Field) -> None:
        problem = password_problem(field.data, email_of(form))
        if problem:
            raise ValidationError(problem)

    return PasswordField(label, validators=[DataRequired(), acceptable])


def title_field() -> StringField:
    return StringField(_l("Title"), filters=[strip], validators=[DataRequired(), Length(max=TITLE_MAX)])


def description_field() -> TextAreaField:
    return TextAreaField(_l("Description"), filters=[strip], validators=[Optional(), Length(max=DESCRIPTION_MAX)])


def new_form_token() -> str:
    return secrets.token_urlsafe(32)


def form_token_field() -> HiddenField:
    """A one-time token, new in each rendered create form, that makes the form single-use.

    Kept when the form comes back with errors (nothing was created yet); the CRUD layer claims it
    in the transaction that creates (crud.submissions). A post without one (or with an empty one)
    gets a fresh one: it creates, as before.
    """
    return HiddenField(
        default=new_form_token,
        filters=[lambda token: token or new_form_token()],
        validators=[Length(max=FORM_TOKEN_MAX)],
    )


def name_field(label: str | LazyString, max_length: int) -> StringField:
    """The name of a list or label: 1 to `max_length` characters once trimmed."""
    return StringField(label, filters=[strip], validators=[DataRequired(), Length(max=max_length)])


class OptionalSelectField(SelectField):
    """A select that may be left out altogether; when given, its value must be one of the choices."""

    def pre_validate(self, form: Form) -> None:
        if self.data is not None:
            super().pre_validate(form)


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a group of checkboxes, which work without JavaScript (templates/_macros/forms.html)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ListForm(Form):
    """The query parameters of a list page, read from the URL so every view is a link to keep.

    A value that does not validate is reported next to its field and the
    list falls back to that field's default. Subclasses set the sort choices.
    """

    PER_PAGE_CHOICES = (10, DEFAULT_PER_PAGE, 50, MAX_PER_PAGE)

    Meta = OwnMessagesMeta

    q = StringField(_l("Search"), filters=[strip], validators=[Optional(), Length(max=TITLE_MAX)])
    sort = SelectField(_l("Sort by"))
    per_page = SelectField(
        _l("Per page"),
        coerce=int,
        choices=[SelectChoice(n, str(n)) for n in PER_PAGE_CHOICES],
        default=DEFAULT_PER_PAGE,
    )

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> Self:
        """The form for these query arguments; a field whose value is invalid keeps its error and
        takes its default, so that the form shows the list as it is really filtered."""
        return cls(args).checked()

    def checked(self) -> Self:
        """Validate the query arguments; a field whose value is invalid keeps its error and takes its default."""
        self.validate()
        for field in self:
            if field.errors:
                field.data = field.default
        return self

    def values(self) -> dict[str, Any]:
        """The list's parameters as plain values (defaults where the URL's were invalid)."""
        return {name: field.data for name, field in self._fields.items()}

    def query_args(self) -> dict[str, Any]:
        """The parameters that differ from the defaults: what a link to this view needs."""
        return {
            name: value
            for name, value in self.values().items()
            if value not in (None, "", []) and value != self[name].default
        }

    @staticmethod
    def sort_choices(labels: dict[str, str]) -> list[SelectChoice]:
        """Each column ascending and descending; `labels` name the columns in English (N_), shown translated."""
        choices = []
        for key, label in labels.items():
            choices += [
                SelectChoice(key, _l("%(column)s, ascending", column=_l(label))),
                SelectChoice(f"-{key}", _l("%(column)s, descending", column=_l(label))),
            ]
        return choices
