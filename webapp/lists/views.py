from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import crud
from ..i18n import _, message_of, ngettext
from ..models import TITLE_MAX, ListRole
from ..navigation import editable_lists, owner_lists
from ..pages import already_submitted, form_page
from ..quick_add import parse_quick_add
from ..tasks.views import flash_undoable, task_list_page
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
            form.name.errors.append(message_of(taken))
        else:
            flash(_("List “%(name)s” created.", name=task_list.name), "success")
            return redirect(url_for("lists.show", list_id=task_list.id))
    return form_page("lists/form.html", form, heading=_("New list"), submit_label=_("Create list"))


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
            form.name.errors.append(message_of(taken))
        else:
            flash(_("List renamed."), "success")
            return redirect(url_for("lists.show", list_id=list_id))
    return form_page("lists/form.html", form, heading=_("Edit list"), task_list=task_list)


@bp.post("/<int:list_id>/delete")
def delete(list_id: int) -> ResponseReturnValue:
    task_list = crud.get_list(current_user, list_id, ListRole.OWNER)
    try:
        trashed = crud.delete_list(current_user, list_id)
    except crud.InboxRequired as refused:
        flash(message_of(refused), "warning")
        return redirect(url_for("lists.show", list_id=list_id))
    if trashed:
        message = ngettext(
            "List “%(name)s” deleted; %(num)d task moved to the trash. Undo puts it back in the Inbox.",
            "List “%(name)s” deleted; %(num)d tasks moved to the trash. Undo puts them back in the Inbox.",
            len(trashed),
            name=task_list.name,
        )
    else:
        message = _("List “%(name)s” deleted; it had no tasks.", name=task_list.name)
    flash_undoable(message, trashed)
    return redirect(url_for("lists.index"))


@bp.post("/<int:list_id>/quick-add")
def quick_add(list_id: int) -> ResponseReturnValue:
    """Create a task from one line, in this list unless the line names another, and show what was read."""
    task_list = crud.get_list(current_user, list_id, ListRole.EDITOR)
    form = QuickAddForm()
    if not form.validate_on_submit():
        flash(" ".join(form.text.errors) or _("The form expired; please try again."), "warning")
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
    understood = ", ".join(parsed.understood) or _("just the title")
    message = _(
        "Task “%(title)s” added to %(list)s. Understood: %(understood)s.",
        title=task.title,
        list=task_list.name,
        understood=understood,
    )
    if new_labels:
        message += " " + ngettext(
            "New label: %(names)s.", "New labels: %(names)s.", len(new_labels), names=", ".join(new_labels)
        )
    flash(message, "success")
    return redirect(url_for("tasks.show", task_id=task.id))


def quick_add_problem(title: str) -> str | None:
    if not title:
        return _("Quick add needs a title besides the date, #labels, !priority and @list.")
    if len(title) > TITLE_MAX:
        return _("The title is longer than %(max)d characters; shorten it and add it again.", max=TITLE_MAX)
    return None
