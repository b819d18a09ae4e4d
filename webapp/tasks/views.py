from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from .. import crud
from ..i18n import _, ngettext
from ..models import ListRole, Priority, Task, TaskList, TaskStatus
from ..navigation import editable_lists, owner_lists
from ..pages import ListLinks, already_submitted, form_page, page_number, redirect_back
from .comment_forms import NewCommentForm
from .forms import BulkActionForm, NewTaskForm, TaskEditForm, TaskFilterForm, TaskForm
from .history_words import describe_event
from .reminder_forms import at_form, before_due_form
from .rule_words import describe_text

bp = Blueprint("tasks", __name__, url_prefix="/tasks")


def status_words() -> dict[TaskStatus, str]:
    """Each status in the page's language, translated once for a page that names one per row."""
    return {status: str(status.label) for status in TaskStatus}


@bp.before_request
@login_required
def require_login() -> None:
    """Every task page is private."""


@bp.get("/")
def index() -> ResponseReturnValue:
    return task_list_page(None)


def task_list_page(task_list: TaskList | None) -> ResponseReturnValue:
    """All the person's tasks, or those of one list, filtered, sorted and paged as the query string says."""
    lists = owner_lists()
    labels = crud.list_labels(current_user)
    people = crud.fellow_members(current_user) if task_list is None else crud.list_people(current_user, task_list.id)
    filters = TaskFilterForm.for_owner(request.args, lists, labels, people)
    values = filters.crud_args()
    if task_list is not None:
        values["list_id"] = task_list.id
    today = current_user.today()
    # Counts of the list shown (a list's page, or a list= filter), so an unfiltered list takes its total from them.
    counts = crud.count_tasks(current_user, today=today, list_id=values["list_id"], member_of=lists)
    tasks = crud.list_tasks(current_user, **values, page=page_number(), today=today, counts=counts, member_of=lists)
    args = filters.query_args()
    if task_list is None:
        links = ListLinks("tasks.index", args)
    else:
        args.pop("list", None)
        links = ListLinks("lists.show", args, list_id=task_list.id)
    editable = editable_lists()
    return render_template(
        "tasks/list.html",
        tasks=tasks,
        counts=counts,
        filters=filters,
        bulk=BulkActionForm(formdata=None).offer(editable, labels),
        editable_ids={each.id for each in editable},
        args=args,
        links=links,
        task_list=task_list,
        lists=lists,
        labels=labels,
        today=today,
        status_labels=status_words(),
    )


@bp.post("/bulk")
def bulk() -> ResponseReturnValue:
    """Apply the chosen action to the ticked tasks; only those the person may change are ever touched."""
    form = BulkActionForm()
    if not form.validate_on_submit():
        flash(" ".join(message for messages in form.errors.values() for message in messages), "warning")
        return redirect_back(url_for("tasks.index"))
    ids = form.selected_ids()
    read_only = crud.read_only_among(current_user, ids)
    if read_only:
        flash(
            ngettext(
                "%(num)d task left unchanged: you may only view its list.",
                "%(num)d tasks left unchanged: you may only view the lists they are in.",
                read_only,
            ),
            "warning",
        )
    if form.action.data == "delete":
        trashed = crud.trash_tasks(current_user, ids)
        message = ngettext("%(num)d task moved to the trash.", "%(num)d tasks moved to the trash.", len(trashed))
        flash_undoable(message, trashed)
    elif form.action.data in ("complete", "set_status"):
        status = TaskStatus.COMPLETED if form.action.data == "complete" else TaskStatus(form.status.data)
        changed = crud.set_status_of_tasks(current_user, ids, status)
        flash(
            ngettext(
                "%(num)d task set to %(status)s.", "%(num)d tasks set to %(status)s.", changed, status=status.label
            ),
            "success",
        )
    else:
        flash(organise(form.action.data, ids, form), "success")
    return redirect_back(url_for("tasks.index"))


def organise(action: str, ids: list[int], form: BulkActionForm) -> str:
    """Move, label, unlabel or prioritise the tasks; a list or label the person cannot see is a 404, a list they
    only view a 403."""
    if action == "move":
        task_list = crud.get_list(current_user, form.list_id.data or 0, ListRole.EDITOR)
        moved = crud.move_tasks_to_list(current_user, ids, task_list.id)
        return ngettext(
            "%(num)d task moved to %(list)s.", "%(num)d tasks moved to %(list)s.", moved, list=task_list.name
        )
    if action == "set_priority":
        priority = Priority(form.priority.data)
        changed = crud.set_priority_of_tasks(current_user, ids, priority)
        return ngettext(
            "%(num)d task set to priority %(priority)s.",
            "%(num)d tasks set to priority %(priority)s.",
            changed,
            priority=priority.label,
        )
    label = crud.get_label(current_user, form.label_id.data or 0)
    if action == "add_label":
        added = crud.add_label_to_tasks(current_user, ids, label.id)
        return ngettext(
            "Label %(label)s added to %(num)d task.", "Label %(label)s added to %(num)d tasks.", added, label=label.name
        )
    removed = crud.remove_label_from_tasks(current_user, ids, label.id)
    return ngettext(
        "Label %(label)s removed from %(num)d task.",
        "Label %(label)s removed from %(num)d tasks.",
        removed,
        label=label.name,
    )


def task_form(form_class: type[TaskForm], list_id: int | None, **kwargs: Any) -> TaskForm:
    """The task form offering the lists the person may add to, their labels, and the members of the list
    `list_id` the task is in (if any) to assign it to."""
    people = crud.list_people(current_user, list_id) if list_id is not None else []
    return form_class(**kwargs).offer(editable_lists(), crud.list_labels(current_user), people)


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    """A new task, in the list of ?list= (whose members it may be assigned to) or the one chosen."""
    form = task_form(NewTaskForm, request.args.get("list", type=int))
    if request.method == "GET":
        form.list_id.data = request.args.get("list", type=int) or editable_lists()[0].id
    if not previewing() and form.validate_on_submit():
        try:
            task = crud.create_task(current_user, **form.changes(), form_token=form.form_token.data)
        except crud.AlreadySubmitted as first:
            return already_submitted("tasks.show", task_id=first.created_id)
        except (crud.InvalidRecurrence, crud.NotAMember) as invalid:
            form.show_error(invalid)
        else:
            flash(_("Task “%(title)s” created.", title=task.title), "success")
            return redirect(url_for("tasks.show", task_id=task.id))
    return form_page("tasks/form.html", form, heading=_("New task"), preview=previewing())


def previewing() -> bool:
    """The task form's Preview button: the form comes back with the description formatted, nothing stored."""
    return request.method == "POST" and "preview" in request.form


@bp.get("/<int:task_id>")
def show(task_id: int) -> ResponseReturnValue:
    return task_page(crud.get_task(current_user, task_id))


def task_page(task: Task, **sent_forms: FlaskForm) -> ResponseReturnValue:
    """The task with how it repeats, its reminders, its comments (the last page of them unless another is
    asked for) and the forms adding either (a form just sent keeps its errors: 422), and the newest events
    of its history."""
    forms = {
        "reminder_at_form": at_form(formdata=None),
        "reminder_before_form": before_due_form(formdata=None),
        "comment_form": NewCommentForm(formdata=None),
        **sent_forms,
    }
    status = 422 if any(form.errors for form in sent_forms.values()) else 200
    repeats = next_task = None
    if task.recurrence:
        repeats = describe_text(task.recurrence, task.repeat_from_completion)
        next_task = crud.next_occurrence(task)
    crud.load_reminders([task], current_user)
    crud.load_assignees([task])
    comments = crud.comments_page(task, request.args.get("page", type=int))
    events, older = crud.latest_events(task)
    page = render_template(
        "tasks/show.html",
        task=task,
        today=current_user.today(),
        repeats=repeats,
        next_task=next_task,
        comments=comments,
        changeable={each.id for each in comments.items if crud.may_change_comment(current_user, each)},
        history=[(event, describe_event(event)) for event in events],
        older_history=older,
        **forms,
    )
    return page, status


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
def edit(task_id: int) -> ResponseReturnValue:
    task = crud.get_task(current_user, task_id, ListRole.EDITOR)
    crud.load_assignees([task])
    form = task_form(TaskEditForm, task.list_id, obj=task, label_ids=own_label_ids(task))
    form.for_task(task, filled=request.method == "POST")
    if not previewing() and form.validate_on_submit():
        scope = form.scope.data if "scope" in form else crud.Scope.FOLLOWING
        try:
            task = crud.update_task(current_user, task, form.changes(), expected_version=form.version.data, scope=scope)
        except crud.StaleEdit as stale:
            return stale_edit_page(stale.current)
        except (crud.InvalidRecurrence, crud.NotAMember) as invalid:
            form.show_error(invalid)
        else:
            flash(_("Task saved."), "success")
            return redirect(url_for("tasks.show", task_id=task.id))
    return form_page("tasks/form.html", form, heading=_("Edit task"), task=task, preview=previewing())


@bp.post("/<int:task_id>/complete")
def complete(task_id: int) -> ResponseReturnValue:
    task = crud.complete_task(current_user, task_id)
    flash(_("Task “%(title)s” completed.", title=task.title), "success")
    return redirect_back(url_for("tasks.show", task_id=task_id))


@bp.post("/<int:task_id>/delete")
def delete(task_id: int) -> ResponseReturnValue:
    task = crud.delete_task(current_user, task_id)
    flash_undoable(_("Task “%(title)s” moved to the trash.", title=task.title), [task_id])
    return redirect(url_for("tasks.index"))


def flash_undoable(text: str, task_ids: list[int]) -> None:
    """A success message that base.html shows with an Undo button restoring these tasks, if there are any."""
    if not task_ids:
        flash(text, "success")
        return
    undo = {"text": text, "label": _("Undo"), "action": url_for("tasks.restore"), "fields": {"ids": task_ids}}
    # flash() keeps any JSON-serialisable message in the session; its type hints admit only text.
    flash(undo, "success")  # type: ignore[arg-type]


def own_label_ids(task: Task) -> list[int]:
    """The labels of the task that the person put on it: the ones their form changes (others' stay)."""
    return [label.id for label in task.labels if label.owner_id == current_user.id]


def stale_edit_page(current: Task) -> tuple[str, int]:
    """Show the stored task in the form, so the person can redo their change on top of it."""
    crud.load_assignees([current])
    form = task_form(TaskEditForm, current.list_id, obj=current, formdata=None, label_ids=own_label_ids(current))
    form.for_task(current, filled=False)
    return form_page(
        "tasks/form.html",
        form,
        status=409,
        heading=_("Edit task"),
        task=current,
        conflict=_(
            "This task was changed elsewhere since you opened it. "
            "The form now shows the saved version; make your change again and save."
        ),
    )
