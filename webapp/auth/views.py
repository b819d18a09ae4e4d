from flask import Blueprint, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import audit, crud
from ..forms import populate_errors
from ..pages import form_page, is_safe_next
from .forms import LoginForm, RegisterForm
from .limits import login_failures_per_account, login_failures_per_ip, registrations_per_ip
from .sessions import end_session, enforce_timeouts, start_session

bp = Blueprint("auth", __name__)
bp.before_app_request(enforce_timeouts)


@bp.get("/")
def index() -> ResponseReturnValue:
    return redirect(url_for("tasks.index" if current_user.is_authenticated else "auth.login"))


@bp.route("/register", methods=["GET", "POST"])
@registrations_per_ip
def register() -> ResponseReturnValue:
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = crud.create_user(form.email.data, form.password.data)
        except crud.EmailTaken as error:
            populate_errors(form, error)
        else:
            start_session(user)
            flash("Welcome to Taskboard! Your account is ready.", "success")
            return redirect(url_for("tasks.index"))
    return form_page("auth/form.html", form, heading="Create your account", submit_label="Register")


@bp.route("/login", methods=["GET", "POST"])
@login_failures_per_ip
@login_failures_per_account
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        user = crud.authenticate(form.email.data, form.password.data)
        if user is not None:
            start_session(user)
            flash("You are logged in.", "success")
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for("tasks.index"))
        known = crud.get_user_by_email(form.email.data)
        audit.failed_login(form.email.data, known.id if known else None)
        form.password.errors.append("Wrong email or password.")
    return form_page("auth/form.html", form, heading="Log in", submit_label="Log in")


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    # Raising the version ends this session for good, even in a copy of its cookie.
    crud.end_sessions(current_user._get_current_object())
    end_session()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))
