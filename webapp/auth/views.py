from flask import Blueprint, flash, redirect, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from .. import crud
from ..pages import form_page
from .access import is_safe_next
from .forms import LoginForm, RegisterForm

bp = Blueprint("auth", __name__)


@bp.get("/")
def index():
    return redirect(url_for("tasks.index" if current_user.is_authenticated else "auth.login"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = crud.create_user(form.email.data, form.password.data)
        except crud.EmailTaken as error:
            form.email.errors.append(str(error))
        else:
            start_session(user)
            flash("Welcome to Taskboard! Your account is ready.", "success")
            return redirect(url_for("tasks.index"))
    return form_page("auth/form.html", form, heading="Create your account", submit_label="Register")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = crud.authenticate(form.email.data, form.password.data)
        if user is not None:
            start_session(user)
            flash("You are logged in.", "success")
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for("tasks.index"))
        form.password.errors.append("Wrong email or password.")
    return form_page("auth/form.html", form, heading="Log in", submit_label="Log in")


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))


def start_session(user) -> None:
    # A fresh session at login, so nothing planted before it carries over.
    session.clear()
    login_user(user)

