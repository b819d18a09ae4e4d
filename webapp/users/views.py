from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import audit, crud
from ..auth.access import admin_required
from ..auth.emails import say_where_mail_went, send_invitation
from ..forms import populate_errors
from ..i18n import _, _l, message_of
from ..items.forms import ItemForm
from ..mail import external_url
from ..pages import form_page, page_number, per_page_arg
from .forms import InvitationForm, RegistrationModeForm, UserCreateForm, UserEditForm

bp = Blueprint("users", __name__, url_prefix="/users")

REGISTRATION_MODES = {
    "open": _l("anyone may register"),
    "invite": _l("registration by invitation only"),
    "closed": _l("registration is closed"),
}


@bp.before_request
@admin_required
def require_admin() -> None:
    """Only admins manage users."""


@bp.get("/")
def index() -> ResponseReturnValue:
    return users_page()


def users_page(
    status: int = 200,
    mode_form: RegistrationModeForm | None = None,
    invitation_form: InvitationForm | None = None,
    invitation_link: str | None = None,
) -> tuple[str, int]:
    """The users, and the registration settings with the open invitations; a form just sent keeps its errors."""
    users = crud.list_users(page=page_number(), per_page=per_page_arg(crud.USERS_PER_PAGE))
    mode = crud.registration_mode(current_app.config["REGISTRATION"])
    page = render_template(
        "users/list.html",
        users=users,
        item_titles=crud.item_titles_by_owner(users.items),
        mode_form=mode_form or RegistrationModeForm(formdata=None, mode=mode),
        mode=mode,
        invitation_form=invitation_form or InvitationForm(formdata=None),
        invitations=crud.open_invitations(),
        invitation_link=invitation_link,
    )
    return page, status


@bp.post("/registration")
def registration() -> ResponseReturnValue:
    form = RegistrationModeForm()
    if not form.validate_on_submit():
        return users_page(status=422, mode_form=form)
    crud.set_registration_mode(form.mode.data)
    audit.account_changed(f"registration set to {form.mode.data}", current_user.id)
    flash(_("Registration setting saved: %(mode)s.", mode=REGISTRATION_MODES[form.mode.data]), "success")
    return redirect(url_for("users.index"))


@bp.post("/invitations")
def invite() -> ResponseReturnValue:
    form = InvitationForm()
    if not form.validate_on_submit():
        return users_page(status=422, invitation_form=form)
    invitation, secret = crud.invite(current_user, form.email.data or None)
    audit.account_changed(f"invitation {invitation.id} created", current_user.id)
    link = external_url("auth.register", invitation=secret)
    if invitation.email:
        send_invitation(invitation.email, current_user.email, secret)
        flash(_("Invitation sent to %(email)s.", email=invitation.email), "success")
        say_where_mail_went()
    # The link is shown in this response only, never through a redirect (it would ride in the cookie).
    return users_page(status=201, invitation_link=link)


@bp.post("/invitations/<int:invitation_id>/revoke")
def revoke_invitation(invitation_id: int) -> ResponseReturnValue:
    crud.revoke_invitation(invitation_id)
    flash(_("Invitation revoked: its link no longer works."), "success")
    return redirect(url_for("users.index"))


@bp.route("/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = crud.create_user(form.email.data, form.password.data, is_admin=form.is_admin.data)
        except crud.EmailTaken as error:
            populate_errors(form, error)
        else:
            flash(_("User %(email)s created.", email=user.email), "success")
            return redirect(url_for("users.show", user_id=user.id))
    return form_page("users/form.html", form, heading=_("New user"))


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
            flash(_("User saved."), "success")
            return redirect(url_for("users.show", user_id=user_id))
    return form_page("users/form.html", form, heading=_("Edit %(email)s", email=user.email), user=user)


@bp.post("/<int:user_id>/delete")
def delete(user_id: int) -> ResponseReturnValue:
    try:
        crud.delete_user(user_id, current_user)
    except crud.ForbiddenChange as error:
        flash(message_of(error), "danger")
        return redirect(url_for("users.show", user_id=user_id))
    flash(_("User deleted."), "success")
    return redirect(url_for("users.index"))


@bp.route("/<int:user_id>/items/new", methods=["GET", "POST"])
def new_item(user_id: int) -> ResponseReturnValue:
    owner = crud.get_user(user_id)
    form = ItemForm()
    if form.validate_on_submit():
        crud.create_item(owner, form.title.data, form.description.data)
        flash(_("Item created for %(email)s.", email=owner.email), "success")
        return redirect(url_for("users.show", user_id=owner.id))
    return form_page("users/item_form.html", form, heading=_("New item for %(email)s", email=owner.email), owner=owner)
