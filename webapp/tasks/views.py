from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import clock, crud
from ..models import Task, TaskStatus
from ..pages import form_page, page_number, redirect_back
from .forms import BulkActionForm, TaskEditForm, TaskFilterForm, TaskForm

bp = Blueprint("tasks", __name__, url_prefix="/tasks")

STATUS_LABELS = {status: status.label for status in TaskStatus}


@bp.before_request
@login_required
def require_login() -> None:
    """Every task page is private."""


@bp.get("/")
def index() -> ResponseReturnValue:
    filters = TaskFilterForm.from_args(request.args)
    today = clock.today()
    counts = crud.count_tasks(current_user, today=today)
    tasks = crud.list_tasks(current_user, **filters.values(), page=page_number(), today=today, counts=counts)
    return render_template(
        "tasks/list.html",
        tasks=tasks,
        counts=counts,
        filters=filters,
        bulk=BulkActionForm(formdata=None),
        args=filters.query_args(),
        today=today,
        status_labels=STATUS_LABELS,
    )


@bp.post("/bulk")
def bulk() -> ResponseReturnValue:
    """Complete, set the status of, or delete the ticked tasks; only the owner's are ever touched."""
    form = BulkActionForm()
    if not form.validate_on_submit():
        flash(" ".join(message for messages in form.errors.values() for message in messages), "warning")
        return redirect_back(url_for("tasks.index"))
    ids = form.selected_ids()
    if form.action.data == "delete":
        trashed = crud.trash_tasks(current_user, ids)
        message = f"{tasks_noun(len(trashed))} moved to the trash."
        flash_undoable(message, trashed)
    else:
        status = TaskStatus.COMPLETED if form.action.data == "complete" else TaskStatus(form.status.data)
        changed = crud.set_status_of_tasks(current_user, ids, status)
        flash(f"{tasks_noun(changed)} set to {status.label}.", "success")
    return redirect_back(url_for("tasks.index"))


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    form = TaskForm()
    if form.validate_on_submit():
        task = crud.create_task(current_user, **form.changes())
        flash(f"Task “{task.title}” created.", "success")
        return redirect(url_for("tasks.show", task_id=task.id))
    return form_page("tasks/form.html", form, heading="New task")


@bp.get("/<int:task_id>")
def show(task_id: int) -> ResponseReturnValue:
    task = crud.get_task(current_user, task_id)
    return render_template("tasks/show.html", task=task)


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
def edit(task_id: int) -> ResponseReturnValue:
    task = crud.get_task(current_user, task_id)
    form = TaskEditForm(obj=task)
    if form.validate_on_submit():
        try:
            task = crud.update_task(task, form.changes(), expected_version=form.version.data)
        except crud.StaleEdit as stale:
            return stale_edit_page(stale.current)
        flash("Task saved.", "success")
        return redirect(url_for("tasks.show", task_id=task.id))
    return form_page("tasks/form.html", form, heading="Edit task", task=task)


@bp.post("/<int:task_id>/complete")
def complete(task_id: int) -> ResponseReturnValue:
    task = crud.complete_task(current_user, task_id)
    flash(f"Task “{task.title}” completed.", "success")
    return redirect_back(url_for("tasks.show", task_id=task_id))


@bp.post("/<int:task_id>/delete")
def delete(task_id: int) -> ResponseReturnValue:
    task = crud.delete_task(current_user, task_id)
    flash_undoable(f"Task “{task.title}” moved to the trash.", [task_id])
    return redirect(url_for("tasks.index"))


def flash_undoable(text: str, task_ids: list[int]) -> None:
    """A success message that base.html shows with an Undo button restoring these tasks, if there are any."""
    if not task_ids:
        flash(text, "success")
        return
    undo = {"text": text, "label": "Undo", "action": url_for("tasks.restore"), "fields": {"ids": task_ids}}
    # flash() keeps any JSON-serialisable message in the session; its type hints admit only text.
    flash(undo, "success")  # type: ignore[arg-type]


def tasks_noun(count: int) -> str:
    return "1 task" if count == 1 else f"{count} tasks"


def stale_edit_page(current: Task) -> tuple[str, int]:
    """Show the stored task in the form, so the person can redo their change on top of it."""
    form = TaskEditForm(obj=current, formdata=None)
    return form_page(
        "tasks/form.html",
        form,
        status=409,
        heading="Edit task",
        task=current,
        conflict="This task was changed elsewhere since you opened it. "
        "The form now shows the saved version; make your change again and save.",
    )
