"""/account/tokens: people create and revoke the personal tokens the JSON API accepts."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import crud
from ..i18n import _
from .commands import register_commands
from .forms import TokenForm

bp = Blueprint("api_tokens", __name__, url_prefix="/account/tokens", cli_group="api-tokens")
register_commands(bp)


@bp.before_request
@login_required
def require_login() -> None:
    """Only the signed-in owner manages their tokens (a token never opens these pages)."""


@bp.get("/")
def index() -> ResponseReturnValue:
    return tokens_page(TokenForm())


@bp.post("/")
def create() -> ResponseReturnValue:
    form = TokenForm()
    if not form.validate_on_submit():
        return tokens_page(form, status=422)
    token, secret = crud.create_api_token(current_user, form.name.data)
    # The secret is shown in this response only, not via a redirect: a flash message would
    # carry it in the (signed, not encrypted) session cookie.
    return tokens_page(TokenForm(formdata=None), new_token=token, secret=secret, status=201)


@bp.post("/<int:token_id>/revoke")
def revoke(token_id: int) -> ResponseReturnValue:
    crud.revoke_api_token(current_user, token_id)
    flash(_("Token revoked. Programs using it can no longer reach the API."), "success")
    return redirect(url_for("api_tokens.index"))


def tokens_page(form: TokenForm, status: int = 200, **context: Any) -> tuple[str, int]:
    tokens = crud.list_api_tokens(current_user)
    return render_template("api_tokens/index.html", form=form, tokens=tokens, **context), status
