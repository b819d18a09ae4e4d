"""The trash: tasks deleted from the list wait here to be restored or deleted for good."""

from collections.abc import Callable

from flask import flash, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import crud
from ..i18n import ngettext
from ..models import User
from ..pages import page_number, per_page_arg, redirect_back
from .forms import TaskIdsForm
from .views import bp, status_words


@bp.get("/trash")
def trash() -> ResponseReturnValue:
    tasks = crud.list_trash(current_user, page=page_number(), per_page=per_page_arg(crud.DEFAULT_PER_PAGE))
    return render_template(
        "tasks/trash.html", tasks=tasks, form=TaskIdsForm(formdata=None), status_labels=status_words()
    )


@bp.post("/trash/restore")
def restore() -> ResponseReturnValue:
    """Take tasks out of the trash: the Undo after a delete, and Restore on the trash page."""
    return act_on_chosen_tasks(
        crud.restore_tasks, lambda count: ngettext("%(num)d task restored.", "%(num)d tasks restored.", count)
    )


@bp.post("/trash/delete")
def delete_forever() -> ResponseReturnValue:
    return act_on_chosen_tasks(
        crud.delete_forever,
        lambda count: ngettext("%(num)d task deleted for good.", "%(num)d tasks deleted for good.", count),
    )


def act_on_chosen_tasks(action: Callable[[User, list[int]], int], done: Callable[[int], str]) -> Response:
    """Apply `action` to the tasks the form names, say how many it changed (`done`), and go back."""
    form = TaskIdsForm()
    if form.validate_on_submit():
        flash(done(action(current_user, form.selected_ids())), "success")
    else:
        flash(" ".join(form.ids.errors), "warning")
    return redirect_back(url_for("tasks.trash"))
