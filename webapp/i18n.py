"""The language every page speaks: the person's own choice, else their browser's, else English.

Strings people read are marked with gettext (`_`, `ngettext`, and `_l` where the text is made at import
time, as form labels are) in Python and templates; `make messages` extracts them (babel.cfg) into
webapp/translations/messages.pot and the German and Spanish catalogues beside it. The JSON API answers
in English whatever the request says: scripts compare its messages, and they are documented in English.
"""

from typing import Any

from flask import Flask, has_request_context, request
from flask_babel import get_locale, gettext, lazy_gettext
from flask_babel import ngettext as flask_ngettext
from flask_login import current_user

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


def _(message: str, **variables: Any) -> str:
    """`message` in the page's language, its %(name)s placeholders filled from `variables`."""
    return str(gettext(message, **variables))


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """The singular or plural of a message that counts `num` (also given to it as %(num)d)."""
    return str(flask_ngettext(singular, plural, num, **variables))


# Text made at import time, such as form labels and choices: translated each time it is shown.
_l = lazy_gettext


def message_of(error: Exception) -> str:
    """A domain error's message in the page's language (the CRUD layer marks its messages with N_)."""
    return _(str(error))


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    babel.init_app(app, locale_selector=select_locale)
    app.add_template_global(get_locale, "current_locale")
