"""A task's comments: added on its page, edited and deleted by their authors for a while after."""

from flask import flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import crud
from ..forms import populate_errors
from ..i18n import _
from ..models import ListRole
from ..pages import already_submitted, form_page
from .comment_forms import CommentForm, NewCommentForm
from .views import bp, task_page


@bp.post("/<int:task_id>/comments")
def add_comment(task_id: int) -> ResponseReturnValue:
    form = NewCommentForm()
    if form.validate_on_submit():
        try:
            comment = crud.add_comment(current_user, task_id, form.body.data, form_token=form.form_token.data)
        except crud.AlreadySubmitted as first:
            return already_submitted("tasks.show", task_id=task_id, _anchor=f"comment-{first.created_id}")
        except crud.InvalidComment as error:
            populate_errors(form, error)
        else:
            flash(_("Comment added."), "success")
            return redirect(url_for("tasks.show", task_id=task_id, _anchor=f"comment-{comment.id}"))
    # Those who may not comment learn nothing from a bad form: 403, or 404 for a task they cannot see.
    return task_page(crud.get_task(current_user, task_id, ListRole.EDITOR), comment_form=form)


@bp.route("/<int:task_id>/comments/<int:comment_id>/edit", methods=["GET", "POST"])
def edit_comment(task_id: int, comment_id: int) -> ResponseReturnValue:
    form = CommentForm(obj=crud.comment_to_change(current_user, task_id, comment_id))
    if form.validate_on_submit():
        try:
            crud.edit_comment(current_user, task_id, comment_id, form.body.data)
        except crud.InvalidComment as error:
            populate_errors(form, error)
        else:
            flash(_("Comment saved."), "success")
            return redirect(url_for("tasks.show", task_id=task_id, _anchor=f"comment-{comment_id}"))
    return form_page("tasks/comment_form.html", form, heading=_("Edit comment"), task_id=task_id)


@bp.post("/<int:task_id>/comments/<int:comment_id>/delete")
def delete_comment(task_id: int, comment_id: int) -> ResponseReturnValue:
    crud.delete_comment(current_user, task_id, comment_id)
    flash(_("Comment deleted."), "success")
    return redirect(url_for("tasks.show", task_id=task_id, _anchor="comments"))
