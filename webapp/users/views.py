from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import crud
from ..auth.access import admin_required
from ..forms import populate_errors
from ..items.forms import ItemForm
from ..pages import form_page, page_number, per_page_arg
from .forms import UserCreateForm, UserEditForm

bp = Blueprint("users", __name__, url_prefix="/users")


@bp.before_request
@admin_required
def require_admin() -> None:
    """Only admins manage users."""


@bp.get("/")
def index() -> ResponseReturnValue:
    users = crud.list_users(page=page_number(), per_page=per_page_arg(crud.USERS_PER_PAGE))
    return render_template("users/list.html", users=users, item_titles=crud.item_titles_by_owner(users.items))


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = crud.create_user(form.email.data, form.password.data, is_admin=form.is_admin.data)
        except crud.EmailTaken as error:
            populate_errors(form, error)
        else:
            flash(f"User {user.email} created.", "success")
            return redirect(url_for("users.show", user_id=user.id))
    return form_page("users/form.html", form, heading="New user")


@bp.get("/<int:user_id>")
def show(user_id: int) -> ResponseReturnValue:
    user = crud.get_user(user_id)
    return render_template("users/show.html", user=user, task_counts=crud.count_tasks(user).by_status)


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
def edit(user_id: int) -> ResponseReturnValue:
    user = crud.get_user(user_id)
    form = UserEditForm(obj=user)
    if form.validate_on_submit():
        try:
            changes = {"email": form.email.data, "is_active": form.is_active.data, "is_admin": form.is_admin.data}
            crud.update_user(user, current_user, changes)
        except (crud.EmailTaken, crud.ForbiddenChange) as error:
            populate_errors(form, error)
        else:
            flash("User saved.", "success")
            return redirect(url_for("users.show", user_id=user_id))
    return form_page("users/form.html", form, heading=f"Edit {user.email}", user=user)


@bp.post("/<int:user_id>/delete")
def delete(user_id: int) -> ResponseReturnValue:
    try:
        crud.delete_user(user_id, current_user)
    except crud.ForbiddenChange as error:
        flash(str(error), "danger")
        return redirect(url_for("users.show", user_id=user_id))
    flash("User deleted.", "success")
    return redirect(url_for("users.index"))


@bp.route("/<int:user_id>/items/new", methods=["GET", "POST"])
def new_item(user_id: int) -> ResponseReturnValue:
    owner = crud.get_user(user_id)
    form = ItemForm()
    if form.validate_on_submit():
        crud.create_item(owner, form.title.data, form.description.data)
        flash(f"Item created for {owner.email}.", "success")
        return redirect(url_for("users.show", user_id=owner.id))
    return form_page("users/item_form.html", form, heading=f"New item for {owner.email}", owner=owner)
