"""How pages write values: one place, so every page shows a date, a time or a number the same way, in the
way the page's language writes it (Babel's medium date: Jun 12, 2030 · 12.06.2030 · 12 jun 2030), and a
stored time in the zone of the person reading it."""

from datetime import UTC, date, datetime, tzinfo

from flask import Flask
from flask_babel import format_date, format_decimal, format_time
from flask_login import current_user

from .markdown import render_markdown, render_plain_text


def viewer_zone() -> tzinfo:
    """The zone of the person looking at the page (UTC for a visitor, or outside a request)."""
    zone: tzinfo = current_user.zone if current_user and current_user.is_authenticated else UTC
    return zone


def show_date(value: date | datetime, with_time: bool = False, zone: tzinfo | None = None) -> str:
    """The day in the page's language. A stored time (naive UTC) is shown in `zone`, by default the
    viewer's: its day there, and with `with_time` its hours and minutes followed by the zone's name."""
    if not isinstance(value, datetime):
        return str(format_date(value, "medium"))
    zone = zone or viewer_zone()
    local = value.replace(tzinfo=UTC).astimezone(zone)
    shown = str(format_date(local.date(), "medium"))
    if with_time:
        shown += f" {format_time(local.time(), 'HH:mm', rebase=False)} {zone}"
    return shown


def show_number(value: int) -> str:
    """A count with the language's digit grouping: 12,345 · 12.345 · 12.345."""
    return str(format_decimal(value))


def register_template_filters(app: Flask) -> None:
    app.add_template_filter(show_date, "date")
    app.add_template_filter(show_number, "number")
    app.add_template_filter(render_markdown, "markdown")
    app.add_template_filter(render_plain_text, "plain_text")
