from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import crud
from ..models import TaskStatus
from ..pages import form_page, page_number, per_page_arg, redirect_back
from .forms import TaskEditForm, TaskForm

bp = Blueprint("tasks", __name__, url_prefix="/tasks")

# Longer search text is cut here: SQLite refuses LIKE patterns past 50,000 bytes.
SEARCH_MAX = 200


@bp.before_request
@login_required
def require_login():
    """Every task page is private."""


@bp.get("/")
def index():
    status = request.args.get("status") or None
    status = TaskStatus(status) if status in TaskStatus._value2member_map_ else None
    q = request.args.get("q", "").strip()[:SEARCH_MAX]
    tasks = crud.list_tasks(
        current_user,
        page=page_number(),
        per_page=per_page_arg(current_app.config["TASKS_PER_PAGE"]),
        status=status,
        q=q or None,
    )
    return render_template(
        "tasks/list.html", tasks=tasks, status=status, q=q, statuses=TaskStatus
    )


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = TaskForm()
    if form.validate_on_submit():
        task = crud.create_task(
            current_user,
            title=form.title.data,
            description=form.description.data,
            status=form.status.data,
            due_date=form.due_date.data,
        )
        flash(f"Task “{task.title}” created.", "success")
        return redirect(url_for("tasks.show", task_id=task.id))
    return form_page("tasks/form.html", form, heading="New task")


@bp.get("/<int:task_id>")
def show(task_id: int):
    task = crud.get_task(current_user, task_id)
    return render_template("tasks/show.html", task=task)


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
def edit(task_id: int):
    task = crud.get_task(current_user, task_id)
    form = TaskEditForm(obj=task)
    if form.validate_on_submit():
        try:
            task = crud.update_task(
                current_user,
                task_id,
                version=form.version.data,
                title=form.title.data,
                description=form.description.data,
                status=form.status.data,
                due_date=form.due_date.data,
            )
        except crud.StaleEdit as stale:
            return stale_edit_page(stale.current)
        flash("Task saved.", "success")
        return redirect(url_for("tasks.show", task_id=task.id))
    return form_page("tasks/form.html", form, heading="Edit task", task=task)


@bp.post("/<int:task_id>/complete")
def complete(task_id: int):
    task = crud.complete_task(current_user, task_id)
    flash(f"Task “{task.title}” completed.", "success")
    return redirect_back(url_for("tasks.show", task_id=task_id))


@bp.post("/<int:task_id>/delete")
def delete(task_id: int):
    crud.delete_task(current_user, task_id)
    flash("Task deleted.", "success")
    return redirect(url_for("tasks.index"))


def stale_edit_page(current):
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
