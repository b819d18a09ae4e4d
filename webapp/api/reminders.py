"""/api/v1/tasks/<id>/reminders: add and delete a task's reminders (they are read with the task)."""

from flask import url_for

from .. import crud
from .auth import api_user
from .blueprint import bp
from .schemas import FieldErrors, Message, Reminder, ReminderCreate
from .spec import ApiAnswer, responses, spec


@bp.post("/tasks/<int:task_id>/reminders")
@spec.validate(
    json=ReminderCreate, resp=responses(HTTP_201=Reminder, HTTP_400=FieldErrors, HTTP_404=Message), tags=["tasks"]
)
def add_reminder(task_id: int, json: ReminderCreate) -> ApiAnswer:
    """Add a reminder to one of your tasks: at `remind_at`, or `days_before` its due date at `at_time`.

    One in the past, one relative to a due date the task lacks, or an eleventh is a 400 naming the field."""
    reminder = crud.add_reminder(api_user(), task_id, **json.model_dump())
    return Reminder.model_validate(reminder), 201, {"Location": url_for("api.get_task", task_id=task_id)}


@bp.delete("/tasks/<int:task_id>/reminders/<int:reminder_id>")
@spec.validate(resp=responses("HTTP_204", HTTP_404=Message), tags=["tasks"])
def delete_reminder(task_id: int, reminder_id: int) -> ApiAnswer:
    """Delete a reminder of one of your tasks."""
    crud.delete_reminder(api_user(), task_id, reminder_id)
    return "", 204
