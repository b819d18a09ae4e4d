"""Tasks in and out as CSV: export exactly the filtered list, import all of a file or nothing."""

from flask import Response, flash, redirect, request, stream_with_context, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from .. import crud
from ..i18n import _, ngettext
from ..models import TaskStatus
from ..navigation import owner_lists
from ..pages import form_page
from .csv_format import COLUMNS, IMPORT_MAX_ROWS, export_lines, read_import
from .forms import ImportForm, TaskFilterForm
from .views import bp


@bp.get("/export.csv")
def export() -> ResponseReturnValue:
    """Every task of the list as filtered and sorted by the same query parameters, not just one page."""
    people = crud.fellow_members(current_user)
    filters = TaskFilterForm.for_owner(request.args, owner_lists(), crud.list_labels(current_user), people).crud_args()
    del filters["per_page"]
    tasks = crud.export_tasks(current_user, **filters, today=current_user.today())
    return Response(
        stream_with_context(export_lines(tasks)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="tasks-{current_user.today().isoformat()}.csv"'},
    )


@bp.route("/import", methods=["GET", "POST"])
def import_csv() -> ResponseReturnValue:
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        rows, problems = read_import(form.file.data.read())
        if not problems:
            summary = crud.import_tasks(current_user, rows)
            flash(import_message(summary), "success")
            return redirect(url_for("tasks.index"))
    return form_page(
        "tasks/import.html",
        form,
        status=422 if problems or form.errors else 200,
        heading=_("Import tasks"),
        submit_label=_("Import"),
        multipart=True,
        problems=problems,
        columns=COLUMNS,
        max_rows=IMPORT_MAX_ROWS,
        statuses=list(TaskStatus),
        default_status=TaskStatus.PENDING,
    )


def import_message(summary: crud.ImportSummary) -> str:
    """How many tasks came in, and which lists and labels the import had to create for them."""
    parts = [ngettext("Imported %(num)d task.", "Imported %(num)d tasks.", summary.imported)]
    if summary.new_lists:
        parts.append(_("New lists: %(names)s.", names=", ".join(summary.new_lists)))
    if summary.new_labels:
        parts.append(_("New labels: %(names)s.", names=", ".join(summary.new_labels)))
    return " ".join(parts)
