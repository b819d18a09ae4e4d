from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, SelectMultipleField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, HiddenInput

from ..crud.common import MAX_PER_PAGE, is_storable_id
from ..crud.task_query import DEFAULT_SORT, SORT_LABELS, Due
from ..forms import ListForm, description_field, title_field
from ..models import TaskStatus

STATUS_CHOICES = [SelectChoice(status.value, status.label) for status in TaskStatus]


class TaskForm(FlaskForm):
    title = title_field()
    description = description_field()
    status = SelectField("Status", choices=STATUS_CHOICES, default=TaskStatus.PENDING, validators=[InputRequired()])
    due_date = DateField("Due date", validators=[Optional()])

    def changes(self) -> dict[str, Any]:
        """The task's fields as entered, by the names crud.create_task and crud.update_task take."""
        return {name: self[name].data for name in ("title", "description", "status", "due_date")}


class TaskEditForm(TaskForm):
    # Which version of the task the form was filled from, for optimistic locking.
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class TaskFilterForm(ListForm):
    """The filters above the task list: ?status=...&status=...&due=...&q=...&sort=...&per_page=..."""

    # Shown as a row of checkboxes: iterating the field gives one per status.
    status = SelectMultipleField("Status", choices=STATUS_CHOICES, default=[], option_widget=CheckboxInput())
    due = SelectField("Due", choices=[SelectChoice(due.value, due.label) for due in Due], default=Due.ANY.value)
    sort = SelectField("Sort by", choices=ListForm.sort_choices(SORT_LABELS), default=DEFAULT_SORT)

    def active_filters(self) -> list[tuple[str, dict[str, Any]]]:
        """Each active filter as (what it says, the query args of this view without it)."""
        args = self.query_args()
        active = [
            (f"Status: {TaskStatus(status).label}", args | {"status": [s for s in args["status"] if s != status]})
            for status in args.get("status", [])
        ]
        if "due" in args:
            active.append((Due(args["due"]).label, args | {"due": None}))
        if "q" in args:
            active.append((f"Search: “{args['q']}”", args | {"q": None}))
        return active


def task_ids_field() -> SelectMultipleField:
    # Any id may be posted; the CRUD layer acts only on the owner's tasks among them.
    return SelectMultipleField(coerce=int, validate_choice=False)


class TaskIdsForm(FlaskForm):
    """Tasks chosen on a list page, and the page to go back to."""

    ids = task_ids_field()
    next = HiddenField()

    def selected_ids(self) -> list[int]:
        ids: list[int] = self.ids.data
        return ids

    def validate(self, extra_validators: Mapping[str, Sequence[Callable[..., None]]] | None = None) -> bool:
        if not super().validate(extra_validators):
            return False
        selected = self.selected_ids()
        if not selected:
            self.ids.errors.append("Select at least one task first.")
        elif len(set(selected)) > MAX_PER_PAGE:
            self.ids.errors.append(f"Select at most {MAX_PER_PAGE} tasks at a time.")
        elif not all(is_storable_id(task_id) for task_id in selected):
            self.ids.errors.append("Some of the selected tasks do not exist.")
        return not self.ids.errors


class BulkActionForm(TaskIdsForm):
    """One action on the ticked tasks, or on every task of the page shown."""

    ACTIONS = (
        SelectChoice("complete", "Complete"),
        SelectChoice("set_status", "Set status"),
        SelectChoice("delete", "Delete"),
    )

    all_on_page = BooleanField("All on this page")
    page_ids = task_ids_field()
    action = SelectField(choices=ACTIONS, validators=[InputRequired()])
    status = SelectField("Status", choices=STATUS_CHOICES, default=TaskStatus.COMPLETED.value)

    def selected_ids(self) -> list[int]:
        ids: list[int] = self.page_ids.data if self.all_on_page.data else self.ids.data
        return ids


class ImportForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Choose a CSV file to import.")])
