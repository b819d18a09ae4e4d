"""A list's board: a column per status; cards move by small POST forms, or by drag and drop (static/js/board.js)."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import crud
from ..i18n import _
from ..models import TaskList
from ..tasks.views import status_words
from .forms import MoveCardForm, QuickAddForm
from .views import bp


@bp.get("/<int:list_id>/board")
def board(list_id: int) -> ResponseReturnValue:
    return board_page(crud.get_list(current_user, list_id))


@bp.post("/<int:list_id>/board/move")
def move(list_id: int) -> ResponseReturnValue:
    """Move a card to another column; from a stale version it is refused with 409 and the current board."""
    task_list = crud.get_list(current_user, list_id)
    form = MoveCardForm()
    if not form.validate_on_submit():
        return board_page(task_list, status=400, problem=_("That move could not be read; please try again."))
    task = crud.get_task(current_user, form.task_id.data)
    if task.list_id != task_list.id:
        raise crud.NotFound("Task not found")
    try:
        task = crud.update_task(current_user, task, {"status": form.status.data}, expected_version=form.version.data)
    except crud.StaleEdit:
        return board_page(
            task_list,
            status=409,
            problem=_("That card was changed elsewhere since the board was shown; here is the board as it is now."),
        )
    flash(_("Moved “%(title)s” to %(status)s.", title=task.title, status=task.status.label), "success")
    return redirect(url_for("lists.board", list_id=list_id))


def board_page(task_list: TaskList, status: int = 200, problem: str | None = None) -> ResponseReturnValue:
    today = current_user.today()
    words = status_words()
    return render_template(
        "lists/board.html",
        task_list=task_list,
        columns=crud.board_columns(current_user, task_list.id),
        counts=crud.count_tasks(current_user, today=today, list_id=task_list.id),
        quick_add=QuickAddForm(),
        today=today,
        status_labels=words,
        # Each card has a button per other column: their words are put together once for the page.
        move_to={status: _("Move to %(column)s", column=label) for status, label in words.items()},
        problem=problem,
    ), status
