"""/calendar/<token>.ics: the person's tasks with a due date as all-day events (RFC 5545, built with icalendar).

The token in the address is the only credential, as calendar applications send no other; it is
regenerated on /account, which ends the old address. A malformed or unknown token is a plain 404.
"""

import hashlib
from datetime import UTC

from flask import Blueprint, Response, abort, request, url_for
from flask.typing import ResponseReturnValue
from icalendar import Calendar, Event, vRecur

from .. import crud
from ..crud.calendar import FeedEntry

bp = Blueprint("calendar_feed", __name__, url_prefix="/calendar")

PRODUCT_ID = "-//Taskboard//Calendar feed//EN"


@bp.get("/<token>.ics")
def feed(token: str) -> ResponseReturnValue:
    """The feed; `?completed=1` adds completed tasks, `?list=<id>` and `?label=<id>` (repeatable) narrow it.

    Its ETag is a hash of what the body is made from (the rows read, the host and the query), so a calendar
    polling an unchanged feed gets 304 Not Modified without the body being built at all: icalendar
    takes about a millisecond an event, the rows' hash microseconds.
    """
    owner = crud.user_for_calendar_token(token)
    if owner is None:
        abort(404)
    entries = crud.calendar_entries(
        owner,
        completed=request.args.get("completed") == "1",
        list_id=request.args.get("list", type=int),
        label_ids=request.args.getlist("label", type=int),
    )
    etag = hashlib.sha256(repr((entries, request.host, request.query_string)).encode()).hexdigest()
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = Response(calendar_of(entries).to_ical(), mimetype="text/calendar")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def calendar_of(entries: list[FeedEntry]) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Taskboard")
    for entry in entries:
        calendar.add_component(event_of(entry))
    return calendar


def event_of(entry: FeedEntry) -> Event:
    """An all-day event on the due date; an open repeating task repeats by its rule from there."""
    event = Event()
    event.add("uid", f"task-{entry.id}@{request.host}")
    event.add("dtstamp", entry.updated_at.replace(tzinfo=UTC))
    event.add("dtstart", entry.due_date)  # a date: DTSTART;VALUE=DATE, a one-day event without DTEND
    event.add("summary", entry.title)
    if entry.description:
        event.add("description", entry.description)
    event.add("categories", [entry.list_name])
    event.add("url", url_for("tasks.show", task_id=entry.id, _external=True))
    if entry.completed:
        event.add("x-taskboard-completed", "TRUE")
    elif entry.recurrence:
        event.add("rrule", vRecur.from_ical(entry.recurrence))
    return event
