"""The trash: tasks deleted from the list wait here to be restored or deleted for good."""

from flask import flash, render_template, url_for
from flask_login import current_user

from .. import crud
from ..pages import page_number, per_page_arg, redirect_back
from .forms import TaskIdsForm
from .views import STATUS_LABELS, bp, tasks_noun


@bp.get("/trash")
def trash():
    tasks = crud.list_trash(current_user, page=page_number(), per_page=per_page_arg(25))
    return render_template("tasks/trash.html", tasks=tasks, status_labels=STATUS_LABELS)


@bp.post("/trash/restore")
def restore():
    """Take tasks out of the trash: the Undo after a delete, and Restore on the trash page."""
    form = TaskIdsForm()
    if form.validate_on_submit():
        restored = crud.restore_tasks(current_user, form.selected_ids())
        flash(f"{tasks_noun(restored)} restored.", "success")
    else:
        flash(" ".join(form.ids.errors), "warning")
    return redirect_back(url_for("tasks.trash"))


@bp.post("/trash/delete")
def delete_forever():
    form = TaskIdsForm()
    if form.validate_on_submit():
        deleted = crud.delete_forever(current_user, form.selected_ids())
        flash(f"{tasks_noun(deleted)} deleted for good.", "success")
    else:
        flash(" ".join(form.ids.errors), "warning")
    return redirect_back(url_for("tasks.trash"))
