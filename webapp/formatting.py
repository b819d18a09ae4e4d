"""How pages write values: one place, so every page shows a date and a time the same way."""

from datetime import UTC, date, datetime, tzinfo

from flask import Flask
from flask_login import current_user

from .markdown import render_markdown


def viewer_zone() -> tzinfo:
    """The zone of the person looking at the page (UTC for a visitor, or outside a request)."""
    zone: tzinfo = current_user.zone if current_user and current_user.is_authenticated else UTC
    return zone


def show_date(value: date | datetime, with_time: bool = False, zone: tzinfo | None = None) -> str:
    """ISO 8601, e.g. 2026-11-30. A stored time (naive UTC) is shown in `zone`, by default the viewer's:
    its day there, and with `with_time` its hours and minutes followed by the zone's name."""
    if not isinstance(value, datetime):
        return value.isoformat()
    zone = zone or viewer_zone()
    local = value.replace(tzinfo=UTC).astimezone(zone)
    if with_time:
        return f"{local:%Y-%m-%d %H:%M} {zone}"
    return local.date().isoformat()


def register_template_filters(app: Flask) -> None:
    app.add_template_filter(show_date, "date")
    app.add_template_filter(render_markdown, "markdown")
