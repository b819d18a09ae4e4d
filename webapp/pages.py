"""Helpers that every feature's views use to answer with a page."""

from flask import redirect, render_template, request

from .auth.access import is_safe_next


def form_page(template: str, form, status: int | None = None, **context):
    """Render a form page: 422 when the submitted form has errors, so clients can tell."""
    if status is None:
        status = 422 if form.errors else 200
    return render_template(template, form=form, **context), status


def page_number() -> int:
    return request.args.get("page", 1, type=int)


def per_page_arg(default: int) -> int:
    return request.args.get("per_page", default, type=int)


def redirect_back(default: str):
    """Back to the on-site page a form named in its `next` field, else to `default`."""
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else default)
