"""How pages write values: one place, so every page shows a date or a number the same way, in the
way the page's language writes it (Babel's medium date: Jun 12, 2030 · 12.06.2030 · 12 jun 2030)."""

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_decimal, format_time

from .markdown import render_markdown


def show_date(value: date | datetime, with_time: bool = False) -> str:
    """The day in the page's language; `with_time` adds hours and minutes in UTC, the time every row keeps."""
    day = value.date() if isinstance(value, datetime) else value
    shown = str(format_date(day, "medium"))
    if with_time and isinstance(value, datetime):
        shown += f" {format_time(value, 'HH:mm', rebase=False)} UTC"
    return shown


def show_number(value: int) -> str:
    """A count with the language's digit grouping: 12,345 · 12.345 · 12.345."""
    return str(format_decimal(value))


def register_template_filters(app: Flask) -> None:
    app.add_template_filter(show_date, "date")
    app.add_template_filter(show_number, "number")
    app.add_template_filter(render_markdown, "markdown")
