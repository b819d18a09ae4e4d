from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import crud
from ..i18n import _, ngettext
from ..pages import ListLinks, page_number

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.before_request
@login_required
def require_login() -> None:
    """A person's notifications are theirs alone."""


def keep_unread_count(count: int) -> None:
    """The bell's count, read with the signed-in account (webapp.auth.access.load_user)."""
    g.unread_notifications = count


def unread_notifications() -> int:
    """The bell's count for the signed-in person: read with the account, else one statement per request,
    however often it is shown."""
    if "unread_notifications" not in g:
        g.unread_notifications = crud.unread_count(current_user)
    count: int = g.unread_notifications
    return count


@bp.get("/")
def index() -> ResponseReturnValue:
    notifications = crud.list_notifications(current_user, page=page_number())
    return render_template(
        "notifications/index.html",
        heading=_("Notifications"),
        notifications=notifications,
        links=ListLinks("notifications.index", {}),
    )


# Both buttons are POST forms carrying the CSRF token, which CSRFProtect checks before the view runs.
@bp.post("/<int:notification_id>/read")
def mark_read(notification_id: int) -> ResponseReturnValue:
    crud.mark_read(current_user, [notification_id])
    return redirect(url_for("notifications.index"))


@bp.post("/read")
def mark_all_read() -> ResponseReturnValue:
    changed = crud.mark_read(current_user)
    flash(ngettext("%(num)d notification marked read.", "%(num)d notifications marked read.", changed), "success")
    return redirect(url_for("notifications.index"))
