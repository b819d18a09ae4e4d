"""How pages write values: one place, so every page shows a date, a time or a number the same way, in the
way the page's language writes it (Babel's medium date: Jun 12, 2030 · 12.06.2030 · 12 jun 2030), and a
stored time in the zone of the person reading it."""

from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache

from babel import Locale, dates
from flask import Flask
from flask_babel import format_decimal, format_time
from flask_login import current_user

from .i18n import page_locale
from .markdown import render_markdown, render_plain_text


def viewer_zone() -> tzinfo:
    """The zone of the person looking at the page (UTC for a visitor, or outside a request)."""
    viewer = current_user._get_current_object()  # once: each use of the proxy finds the person again
    zone: tzinfo = viewer.zone if viewer and viewer.is_authenticated else UTC
    return zone


def show_date(value: date | datetime, with_time: bool = False, zone: tzinfo | None = None) -> str:
    """The day in the page's language. A stored time (naive UTC) is shown in `zone`, by default the
    viewer's: its day there, and with `with_time` its hours and minutes followed by the zone's name."""
    if not isinstance(value, datetime):
        return medium_date(value, page_locale())
    zone = zone or viewer_zone()
    local = value.replace(tzinfo=UTC).astimezone(zone)
    shown = medium_date(local.date(), page_locale())
    if with_time:
        shown += f" {format_time(local.time(), 'HH:mm', rebase=False)} {zone}"
    return shown


@lru_cache(maxsize=4096)
def medium_date(day: date, locale: Locale | None) -> str:
    """A day as `locale` writes it; the same few hundred days fill a list's three date columns, and
    Babel builds each from its locale data again (a tenth of a list page) unless they are kept."""
    return dates.format_date(day, "medium", locale=locale)


def show_number(value: int) -> str:
    """A count with the language's digit grouping: 12,345 · 12.345 · 12.345."""
    return str(format_decimal(value))


def register_template_filters(app: Flask) -> None:
    app.add_template_filter(show_date, "date")
    app.add_template_filter(show_number, "number")
    app.add_template_filter(render_markdown, "markdown")
    app.add_template_filter(render_plain_text, "plain_text")
    app.add_template_global(viewer_zone, "viewer_zone")
