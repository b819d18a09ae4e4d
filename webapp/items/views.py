from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import crud
from ..i18n import _
from ..pages import already_submitted, form_page, page_number
from .forms import ItemFilterForm, ItemForm, NewItemForm

bp = Blueprint("items", __name__, url_prefix="/items")


@bp.before_request
@login_required
def require_login() -> None:
    """Every item page is private."""


@bp.get("/")
def index() -> ResponseReturnValue:
    filters = ItemFilterForm.from_args(request.args)
    items = crud.list_items(current_user, **filters.values(), page=page_number())
    return render_template("items/list.html", items=items, filters=filters, args=filters.query_args())


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    form = NewItemForm()
    if form.validate_on_submit():
        try:
            item = crud.create_item(current_user, form.title.data, form.description.data, form.form_token.data)
        except crud.AlreadySubmitted as first:
            return already_submitted("items.show", item_id=first.created_id)
        flash(_("Item “%(title)s” created.", title=item.title), "success")
        return redirect(url_for("items.show", item_id=item.id))
    return form_page("items/form.html", form, heading=_("New item"))


@bp.get("/<int:item_id>")
def show(item_id: int) -> ResponseReturnValue:
    return render_template("items/show.html", item=crud.get_item(current_user, item_id))


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
def edit(item_id: int) -> ResponseReturnValue:
    item = crud.get_item(current_user, item_id)
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        crud.update_item(item, {"title": form.title.data, "description": form.description.data})
        flash(_("Item saved."), "success")
        return redirect(url_for("items.show", item_id=item_id))
    return form_page("items/form.html", form, heading=_("Edit item"), item=item)


@bp.post("/<int:item_id>/delete")
def delete(item_id: int) -> ResponseReturnValue:
    crud.delete_item(current_user, item_id)
    flash(_("Item deleted."), "success")
    return redirect(url_for("items.index"))
