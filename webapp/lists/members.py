"""A list's members: owners share it by email with a role, change roles and remove people; anyone leaves."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import crud
from ..forms import populate_errors
from ..i18n import _, message_of
from ..models import ListRole
from .forms import ROLE_LABELS, AddMemberForm, RoleForm
from .views import bp


@bp.route("/<int:list_id>/members", methods=["GET", "POST"])
def members(list_id: int) -> ResponseReturnValue:
    """Who shares the list and in which role, and the form that adds someone (owners only)."""
    task_list, people = crud.list_members(current_user, list_id)  # owners only: 404 or 403 before the form
    form = AddMemberForm()
    if form.validate_on_submit():
        try:
            added = crud.add_member(current_user, list_id, form.email.data, form.role.data)
        except (crud.NoAccount, crud.ForbiddenChange) as refused:
            populate_errors(form, refused)
        else:
            flash(
                _("%(email)s can now use this list as %(role)s.", email=added.email, role=role_label(added.role)),
                "success",
            )
            return redirect(url_for("lists.members", list_id=list_id))
    role_forms = {member.user_id: RoleForm(formdata=None, role=member.role.value) for member in people}
    return render_template(
        "lists/members.html", task_list=task_list, members=people, form=form, role_forms=role_forms
    ), 422 if form.errors else 200


@bp.post("/<int:list_id>/members/<int:user_id>/role")
def change_role(list_id: int, user_id: int) -> ResponseReturnValue:
    form = RoleForm()
    if form.validate_on_submit():
        try:
            crud.change_role(current_user, list_id, user_id, form.role.data)
        except crud.ForbiddenChange as refused:
            flash(message_of(refused), "warning")
        else:
            flash(_("Role changed to %(role)s.", role=role_label(ListRole(form.role.data))), "success")
    else:
        flash(" ".join(form.role.errors) or _("The form expired; please try again."), "warning")
    return redirect(url_for("lists.members", list_id=list_id))


@bp.post("/<int:list_id>/members/<int:user_id>/remove")
def remove_member(list_id: int, user_id: int) -> ResponseReturnValue:
    try:
        crud.remove_member(current_user, list_id, user_id)
    except crud.ForbiddenChange as refused:
        flash(message_of(refused), "warning")
    else:
        flash(_("Removed from the list."), "success")
    if user_id == current_user.id:
        return redirect(url_for("lists.index"))
    return redirect(url_for("lists.members", list_id=list_id))


@bp.post("/<int:list_id>/leave")
def leave(list_id: int) -> ResponseReturnValue:
    try:
        task_list = crud.leave_list(current_user, list_id)
    except crud.ForbiddenChange as refused:
        flash(message_of(refused), "warning")
        return redirect(url_for("lists.show", list_id=list_id))
    flash(_("You left “%(name)s”.", name=task_list.name), "success")
    return redirect(url_for("lists.index"))


def role_label(role: ListRole) -> str:
    """A role's name in the page's language."""
    return str(ROLE_LABELS[role])
