"""How pages write values: one place, so every page shows a date the same way."""

from datetime import date, datetime

from flask import Flask

from .markdown import render_markdown


def show_date(value: date | datetime, with_time: bool = False) -> str:
    """ISO 8601, e.g. 2026-11-30; `with_time` adds hours and minutes in UTC, the time every row keeps."""
    if with_time and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    day = value.date() if isinstance(value, datetime) else value
    return day.isoformat()


def register_template_filters(app: Flask) -> None:
    app.add_template_filter(show_date, "date")
    app.add_template_filter(render_markdown, "markdown")
