"""A task's reminders, added and deleted from its page."""

from flask import flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import crud
from ..forms import populate_errors
from ..i18n import _
from .reminder_forms import at_form, before_due_form
from .views import bp, task_page


@bp.post("/<int:task_id>/reminders/at")
def add_reminder_at(task_id: int) -> ResponseReturnValue:
    form = at_form()
    if form.validate_on_submit():
        try:
            crud.add_reminder(current_user, task_id, remind_at=form.remind_at.data)
        except crud.InvalidReminder as error:
            populate_errors(form, error)
        else:
            flash(_("Reminder added."), "success")
            return redirect(url_for("tasks.show", task_id=task_id, _anchor="reminders"))
    return task_page(crud.get_task(current_user, task_id), reminder_at_form=form)


@bp.post("/<int:task_id>/reminders/before-due")
def add_reminder_before_due(task_id: int) -> ResponseReturnValue:
    form = before_due_form()
    if form.validate_on_submit():
        try:
            crud.add_reminder(current_user, task_id, days_before=form.days_before.data, at_time=form.at_time.data)
        except crud.InvalidReminder as error:
            populate_errors(form, error)
        else:
            flash(_("Reminder added."), "success")
            return redirect(url_for("tasks.show", task_id=task_id, _anchor="reminders"))
    return task_page(crud.get_task(current_user, task_id), reminder_before_form=form)


@bp.post("/<int:task_id>/reminders/<int:reminder_id>/delete")
def delete_reminder(task_id: int, reminder_id: int) -> ResponseReturnValue:
    crud.delete_reminder(current_user, task_id, reminder_id)
    flash(_("Reminder deleted."), "success")
    return redirect(url_for("tasks.show", task_id=task_id, _anchor="reminders"))
