from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import crud
from ..models import TITLE_MAX, ListRole
from ..navigation import editable_lists, owner_lists
from ..pages import already_submitted, form_page
from ..quick_add import parse_quick_add
from ..tasks.views import flash_undoable, task_list_page, tasks_noun
from .forms import ListForm, QuickAddForm

bp = Blueprint("lists", __name__, url_prefix="/lists")


@bp.before_request
@login_required
def require_login() -> None:
    """Every list page is private."""


@bp.get("/")
def index() -> ResponseReturnValue:
    counts = crud.count_by_list(current_user, today=current_user.today())
    return render_template("lists/index.html", lists=owner_lists(), counts=counts, empty=crud.ListCounts())


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    form = ListForm()
    if form.validate_on_submit():
        try:
            task_list = crud.create_list(current_user, form.name.data)
        except crud.NameTaken as taken:
            form.name.errors.append(str(taken))
        else:
            flash(f"List “{task_list.name}” created.", "success")
            return redirect(url_for("lists.show", list_id=task_list.id))
    return form_page("lists/form.html", form, heading="New list", submit_label="Create list")


@bp.get("/<int:list_id>")
def show(list_id: int) -> ResponseReturnValue:
    return task_list_page(crud.get_list(current_user, list_id))


@bp.route("/<int:list_id>/edit", methods=["GET", "POST"])
def edit(list_id: int) -> ResponseReturnValue:
    task_list = crud.get_list(current_user, list_id, ListRole.OWNER)
    form = ListForm(obj=task_list)
    if form.validate_on_submit():
        try:
            task_list = crud.rename_list(current_user, list_id, form.name.data)
        except crud.NameTaken as taken:
            form.name.errors.append(str(taken))
        else:
            flash("List renamed.", "success")
            return redirect(url_for("lists.show", list_id=list_id))
    return form_page("lists/form.html", form, heading="Edit list", task_list=task_list)


@bp.post("/<int:list_id>/delete")
def delete(list_id: int) -> ResponseReturnValue:
    task_list = crud.get_list(current_user, list_id, ListRole.OWNER)
    try:
        trashed = crud.delete_list(current_user, list_id)
    except crud.InboxRequired as refused:
        flash(str(refused), "warning")
        return redirect(url_for("lists.show", list_id=list_id))
    message = f"List “{task_list.name}” deleted; {tasks_noun(len(trashed))} moved to the trash."
    if trashed:
        message += " Undo puts them back in the Inbox."
    flash_undoable(message, trashed)
    return redirect(url_for("lists.index"))


@bp.post("/<int:list_id>/quick-add")
def quick_add(list_id: int) -> ResponseReturnValue:
    """Create a task from one line, in this list unless the line names another, and show what was read."""
    task_list = crud.get_list(current_user, list_id, ListRole.EDITOR)
    form = QuickAddForm()
    if not form.validate_on_submit():
        flash(" ".join(form.text.errors) or "The form expired; please try again.", "warning")
        return redirect(url_for("lists.show", list_id=list_id))
    lists = editable_lists()
    parsed = parse_quick_add(form.text.data, current_user.today(), [each.name for each in lists])
    problem = quick_add_problem(parsed.title)
    if problem:
        flash(problem, "warning")
        return redirect(url_for("lists.show", list_id=list_id))
    if parsed.list_name is not None:
        task_list = next(each for each in lists if each.name == parsed.list_name)
    labels, new_labels = crud.ensure_labels(current_user, parsed.label_names)
    try:
        task = crud.create_task(
            current_user,
            parsed.title,
            due_date=parsed.due_date,
            list_id=task_list.id,
            priority=parsed.priority,
            label_ids=[label.id for label in labels],
            form_token=form.form_token.data,
        )
    except crud.AlreadySubmitted as first:
        return already_submitted("tasks.show", task_id=first.created_id)
    understood = ", ".join(parsed.understood) or "just the title"
    created = f" New label{'s' if len(new_labels) > 1 else ''}: {', '.join(new_labels)}." if new_labels else ""
    flash(f"Task “{task.title}” added to {task_list.name}. Understood: {understood}.{created}", "success")
    return redirect(url_for("tasks.show", task_id=task.id))


def quick_add_problem(title: str) -> str | None:
    if not title:
        return "Quick add needs a title besides the date, #labels, !priority and @list."
    if len(title) > TITLE_MAX:
        return f"The title is longer than {TITLE_MAX} characters; shorten it and add it again."
    return None
