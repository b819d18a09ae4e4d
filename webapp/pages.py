"""Helpers that every feature's views use to answer with a page."""

from typing import Any, TypeGuard
from urllib.parse import urlencode, urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from .models import ColourMode

# A list page's query arguments: each name with one value or several.
QueryArgs = dict[str, Any]


def form_page(template: str, form: Any, status: int | None = None, **context: Any) -> tuple[str, int]:
    """Render a form page: 422 when the submitted form has errors, so clients can tell."""
    if status is None:
        status = 422 if form.errors else 200
    return render_template(template, form=form, **context), status


def colour_theme() -> str:
    """The page's Bootstrap colour mode (base.html): the person's setting; before login, the system's."""
    mode = current_user.colour_mode if current_user.is_authenticated else ColourMode.SYSTEM
    return mode.theme


def already_submitted(endpoint: str, **values: Any) -> Response:
    """A create form sent again (twice at once, or from the back button): show what it created."""
    flash("This form was already sent, so nothing new was created: here is what it created.", "info")
    return redirect(url_for(endpoint, **values))


def page_number() -> int:
    return request.args.get("page", 1, type=int)


def per_page_arg(default: int) -> int:
    return request.args.get("per_page", default, type=int)


def is_safe_next(target: str | None) -> TypeGuard[str]:
    """Only a path on this site: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def redirect_back(default: str) -> Response:
    """Back to the on-site page a form named in its `next` field, else to `default`."""
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else default)


# The characters werkzeug's url_for leaves unescaped in a query string, so links read the same.
QUERY_SAFE_CHARACTERS = "!$'()*,/:;?@"


class ListLinks:
    """Links to other views of one list page: its query arguments with some changed.

    A list page shows a dozen such links (sort headers, pager, filters), and
    url_for with query arguments costs several times url_for without: the path
    comes from url_for once, and each link adds only its query string.
    """

    def __init__(self, endpoint: str, args: QueryArgs | None = None, **path_values: Any):
        self.path = url_for(endpoint, **path_values)
        self.args = request.args.to_dict(flat=False) if args is None else args

    def __call__(self, **changes: Any) -> str:
        """The list with these arguments changed; an argument set to None is left out."""
        return self.to(self.args | changes)

    def to(self, args: QueryArgs) -> str:
        """The list with exactly these arguments."""
        query = {name: value for name, value in args.items() if value is not None}
        query_string = urlencode(query, doseq=True, safe=QUERY_SAFE_CHARACTERS)
        return f"{self.path}?{query_string}" if query_string else self.path
