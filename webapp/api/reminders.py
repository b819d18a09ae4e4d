"""/api/v1/tasks/<id>/reminders: add and delete your own reminders of a task (read with the task)."""

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
    """Remind yourself of a task you see (any role): at `remind_at`, or `days_before` its due date at
    `at_time`, in your time zone. Only you see it and get it.

    One in the past, one relative to a due date the task lacks, or your eleventh on the task is a 400
    naming the field."""
    reminder = crud.add_reminder(api_user(), task_id, **json.model_dump())
    return Reminder.model_validate(reminder), 201, {"Location": url_for("api.get_task", task_id=task_id)}


@bp.delete("/tasks/<int:task_id>/reminders/<int:reminder_id>")
@spec.validate(resp=responses("HTTP_204", HTTP_404=Message), tags=["tasks"])
def delete_reminder(task_id: int, reminder_id: int) -> ApiAnswer:
    """Delete one of your reminders of a task; anyone else's is a 404."""
    crud.delete_reminder(api_user(), task_id, reminder_id)
    return "", 204
