from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from .. import audit, crud
from ..forms import populate_errors
from ..i18n import _, message_of
from ..models import User
from ..pages import form_page, is_safe_next
from .emails import say_where_mail_went, send_address_in_use, send_email_confirmation
from .forms import LoginForm, RegisterForm, SecondFactorForm
from .limits import (
    code_failures_per_account,
    code_failures_per_ip,
    login_failures_per_account,
    login_failures_per_ip,
    registrations_per_ip,
)
from .sessions import (
    begin_second_step,
    end_session,
    enforce_timeouts,
    second_step_next,
    second_step_user,
    start_session,
)

bp = Blueprint("auth", __name__)
bp.before_app_request(enforce_timeouts)


@bp.get("/")
def index() -> Response:
    return redirect(url_for("tasks.index" if current_user.is_authenticated else "auth.login"))


def current_registration_mode() -> str:
    return crud.registration_mode(current_app.config["REGISTRATION"])


@bp.route("/register", methods=["GET", "POST"])
@bp.route("/register/<invitation>", methods=["GET", "POST"])
@registrations_per_ip
def register(invitation: str | None = None) -> ResponseReturnValue:
    """Whether or not the email is taken, the answer is the same; its owner is told by email."""
    mode = current_registration_mode()
    try:
        crud.invitation_for(mode, invitation)
    except (crud.RegistrationClosed, crud.InvalidLink) as error:
        return registration_refused(error)
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = crud.register(form.email.data, form.password.data, mode, invitation, form.time_zone.data)
        except crud.WrongInvitee as error:
            populate_errors(form, error)
        except (crud.RegistrationClosed, crud.InvalidLink) as error:
            return registration_refused(error)
        else:
            return registered(user, form.email.data)
    return form_page("auth/form.html", form, heading=_("Create your account"), submit_label=_("Register"))


def registration_refused(error: crud.CrudError) -> tuple[str, int]:
    if isinstance(error, crud.InvalidLink):
        message = _(
            "This invitation link is not valid any more: it was used, revoked or has expired. Ask for a new one."
        )
    else:
        message = message_of(error)
    return render_template("auth/registration_closed.html", heading=_("Registration"), message=message), 403


def registered(user: User | None, email: str) -> Response:
    if user is not None and user.is_admin:
        # The first account of an empty instance: nobody else's email can be taken yet.
        send_email_confirmation(user.email, crud.request_email_verification(user))
        start_session(user)
        flash(_("Welcome to Taskboard! Your account is ready."), "success")
        return redirect(url_for("tasks.index"))
    if user is None:
        send_address_in_use(email)
    else:
        send_email_confirmation(user.email, crud.request_email_verification(user))
    flash(
        _(
            "Thank you! We sent an email to %(email)s. Follow its link to confirm your address, "
            "then log in with your password.",
            email=email,
        ),
        "success",
    )
    say_where_mail_went()
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
@login_failures_per_ip
@login_failures_per_account
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        user = crud.authenticate(form.email.data, form.password.data)
        target = request.args.get("next")
        if user is not None and must_confirm_email_first(user):
            send_email_confirmation(user.email, crud.request_email_verification(user))
            form.email.errors.append(
                _("Confirm your email address before logging in: we sent you a new link. Follow it, then log in again.")
            )
            say_where_mail_went()
        elif user is not None and user.two_factor_enabled:
            begin_second_step(user, target if is_safe_next(target) else None)
            return redirect(url_for("auth.second_factor"))
        elif user is not None:
            return logged_in(user, target)
        else:
            known = crud.get_user_by_email(form.email.data)
            audit.failed_login(form.email.data, known.id if known else None)
            form.password.errors.append(_("Wrong email or password."))
    return form_page("auth/form.html", form, heading=_("Log in"), submit_label=_("Log in"))


def must_confirm_email_first(user: User) -> bool:
    return bool(current_app.config["REQUIRE_VERIFIED_EMAIL"]) and not user.email_verified


def logged_in(user: User, target: str | None) -> Response:
    start_session(user)
    flash(_("You are logged in."), "success")
    return redirect(target if is_safe_next(target) else url_for("tasks.index"))


@bp.route("/login/code", methods=["GET", "POST"])
@code_failures_per_ip
@code_failures_per_account
def second_factor() -> ResponseReturnValue:
    """The second step of a login with two-factor on: nothing is granted until the code is right."""
    user = second_step_user()
    if user is None:
        flash(_("Please log in again: the code must follow the password within five minutes."), "info")
        return redirect(url_for("auth.login"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        try:
            crud.verify_second_factor(user, form.code.data)
        except crud.WrongCode as error:
            audit.failed_second_factor(user.id)
            populate_errors(form, error)
        else:
            return logged_in(user, second_step_next())
    return form_page("auth/second_factor.html", form, heading=_("Enter your code"), submit_label=_("Log in"))


@bp.post("/logout")
@login_required
def logout() -> Response:
    # Raising the version ends this session for good, even in a copy of its cookie.
    crud.end_sessions(current_user._get_current_object())
    end_session()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
