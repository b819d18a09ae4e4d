"""A task's reminders, added and deleted from its page."""

from flask import flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import crud
from ..forms import populate_errors
from ..i18n import _
from .reminder_forms import ReminderAtForm, ReminderBeforeDueForm, at_form, before_due_form
from .views import bp, task_page


@bp.post("/<int:task_id>/reminders/at")
def add_reminder_at(task_id: int) -> ResponseReturnValue:
    return add_from_form(task_id, at_form(), "reminder_at_form")


@bp.post("/<int:task_id>/reminders/before-due")
def add_reminder_before_due(task_id: int) -> ResponseReturnValue:
    return add_from_form(task_id, before_due_form(), "reminder_before_form")


def add_from_form(task_id: int, form: ReminderAtForm | ReminderBeforeDueForm, page_slot: str) -> ResponseReturnValue:
    """Add the reminder the form describes; a refused one shows the task page with the form's errors in its slot."""
    if form.validate_on_submit():
        try:
            crud.add_reminder(current_user, task_id, **form.reminder())
        except crud.InvalidReminder as error:
            populate_errors(form, error)
        else:
            flash(_("Reminder added."), "success")
            return redirect(url_for("tasks.show", task_id=task_id, _anchor="reminders"))
    return task_page(crud.get_task(current_user, task_id), **{page_slot: form})


@bp.post("/<int:task_id>/reminders/<int:reminder_id>/delete")
def delete_reminder(task_id: int, reminder_id: int) -> ResponseReturnValue:
    crud.delete_reminder(current_user, task_id, reminder_id)
    flash(_("Reminder deleted."), "success")
    return redirect(url_for("tasks.show", task_id=task_id, _anchor="reminders"))
