"""The language every page speaks: the person's own choice, else their browser's, else English.

Strings people read are marked with gettext (`_`, `ngettext`, and `_l` where the text is made at import
time, as form labels are) in Python and templates; `make messages` extracts them (babel.cfg) into
webapp/translations/messages.pot and the German and Spanish catalogues beside it. The JSON API answers
in English whatever the request says: scripts compare its messages, and they are documented in English.
"""

from typing import Any

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, g, has_app_context, has_request_context, request
from flask_babel import LazyString, get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .extensions import babel

# The languages a person may choose on /account, each named in itself.
LANGUAGES = {"en": "English", "de": "Deutsch", "es": "Español"}
DEFAULT_LOCALE = "en"


def select_locale() -> str:
    """The person's choice, else the best of their browser's languages, else English; English in the
    API and outside requests (the CLI)."""
    if not has_request_context() or request.path.startswith("/api/"):
        return DEFAULT_LOCALE
    chosen = current_user.locale if current_user.is_authenticated else None
    if chosen in LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LOCALE)


def page_translations() -> NullTranslations:
    """The catalogue of the page's language, looked up once a request.

    Flask-Babel finds the locale and its catalogue again through the request's globals at every string,
    several hundred times on a list page; this keeps the catalogue in the slot of Flask-Babel's
    per-request namespace that its `refresh()` (a person changing language) and `force_locale()`
    (an email in its reader's language) clear and restore, so those are still followed.
    """
    try:
        translations: NullTranslations | None = g._flask_babel.babel_translations
    except (AttributeError, RuntimeError):  # not looked up yet in this request; outside any app context
        translations = None
    if translations is None:
        translations = get_translations()
        if has_app_context():  # get_translations() made the namespace
            g._flask_babel.babel_translations = translations
    return translations


def page_locale() -> Locale | None:
    """The page's language (None outside a request): Flask-Babel's, as it keeps it for the request."""
    try:
        locale: Locale | None = g._flask_babel.babel_locale
    except (AttributeError, RuntimeError):
        locale = None
    return locale or get_locale()


def _(message: str, **variables: Any) -> str:
    """`message` in the page's language, its %(name)s placeholders filled from `variables`."""
    text = page_translations().ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """The singular or plural of a message that counts `num` (also given to it as %(num)d)."""
    variables.setdefault("num", num)
    return page_translations().ungettext(singular, plural, num) % variables


def _l(message: str, **variables: Any) -> LazyString:
    """Text made at import time, such as form labels and choices: translated each time it is shown."""
    return LazyString(_, message, **variables)


def message_of(error: Exception) -> str:
    """A domain error's message in the page's language (the CRUD layer marks its messages with N_)."""
    return _(str(error))


@pass_context
def template_gettext(context: Context, message: str, **variables: Any) -> str:
    """A template's `_()`, with the new-style behaviour of Jinja's i18n extension: the text escaped, its
    %(name)s placeholders filled from the keywords (and %% read as %). Pages call it hundreds of times."""
    text = page_translations().ugettext(message)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


@pass_context
def template_ngettext(context: Context, singular: str, plural: str, num: int, **variables: Any) -> str:
    """A template's `ngettext()`, new-style as `template_gettext`, with `num` among the variables."""
    variables.setdefault("num", num)
    text = page_translations().ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    babel.init_app(app, locale_selector=select_locale)
    # The templates' _(), gettext and ngettext: the request's catalogue, read once (Flask-Babel's own
    # find it again at every call), in one call each instead of the three that Jinja's wrappers stack.
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)
    app.add_template_global(get_locale, "current_locale")
