from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import crud
from ..i18n import _, message_of
from ..pages import form_page
from .forms import COLOUR_NAMES, LabelForm

bp = Blueprint("labels", __name__, url_prefix="/labels")


@bp.before_request
@login_required
def require_login() -> None:
    """Every label page is private."""


@bp.route("/", methods=["GET", "POST"])
def index() -> ResponseReturnValue:
    """The person's labels, and a form to create one."""
    form = LabelForm()
    if form.validate_on_submit():
        try:
            label = crud.create_label(current_user, form.name.data, form.colour.data)
        except crud.NameTaken as taken:
            form.name.errors.append(message_of(taken))
        else:
            flash(_("Label “%(name)s” created.", name=label.name), "success")
            return redirect(url_for("labels.index"))
    labels = crud.list_labels(current_user)
    page = render_template("labels/index.html", form=form, labels=labels, colour_names=COLOUR_NAMES)
    return page, 422 if form.errors else 200


@bp.route("/<int:label_id>/edit", methods=["GET", "POST"])
def edit(label_id: int) -> ResponseReturnValue:
    """Rename or recolour a label."""
    label = crud.get_label(current_user, label_id)
    form = LabelForm(obj=label)
    if form.validate_on_submit():
        try:
            crud.update_label(current_user, label_id, form.name.data, form.colour.data)
        except crud.NameTaken as taken:
            form.name.errors.append(message_of(taken))
        else:
            flash(_("Label saved."), "success")
            return redirect(url_for("labels.index"))
    return form_page("labels/form.html", form, heading=_("Edit label “%(name)s”", name=label.name), label=label)


@bp.post("/<int:label_id>/delete")
def delete(label_id: int) -> ResponseReturnValue:
    label = crud.delete_label(current_user, label_id)
    flash(_("Label “%(name)s” deleted; its tasks are kept.", name=label.name), "success")
    return redirect(url_for("labels.index"))
