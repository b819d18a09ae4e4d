"""A task's history page: every event, newest first, a page at a time (the task page shows the newest)."""

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import crud
from ..pages import page_number
from .history_words import describe_event
from .views import bp


@bp.get("/<int:task_id>/history")
def history(task_id: int) -> ResponseReturnValue:
    task = crud.get_task(current_user, task_id)
    events = crud.task_history(current_user, task_id, page=page_number())
    lines = [(event, describe_event(event)) for event in events.items]
    return render_template("tasks/history.html", task=task, events=events, lines=lines)
