from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, HiddenInput

from ..crud import CrudError, InvalidRecurrence, Scope
from ..crud.common import MAX_PER_PAGE, is_storable_id
from ..crud.task_query import DEFAULT_SORT, SORT_LABELS, Due
from ..forms import (
    ListForm,
    MultiCheckboxField,
    OptionalSelectField,
    description_field,
    form_token_field,
    title_field,
)
from ..i18n import _l
from ..models import Label, Priority, Task, TaskList, TaskStatus
from .repeat_fields import RepeatForm

STATUS_CHOICES = [SelectChoice(status.value, status.label) for status in TaskStatus]
PRIORITY_CHOICES = [SelectChoice(int(priority), priority.label) for priority in Priority]


def list_choices(lists: Sequence[TaskList]) -> list[SelectChoice]:
    return [SelectChoice(task_list.id, task_list.name) for task_list in lists]


def label_choices(labels: Sequence[Label]) -> list[SelectChoice]:
    return [SelectChoice(label.id, label.name) for label in labels]


def priority_field() -> SelectField:
    return SelectField("Priority", coerce=int, choices=PRIORITY_CHOICES, default=int(Priority.NONE))


def optional_id(value: object) -> int | None:
    """An id chosen in a select whose empty option means "any"."""
    return None if value in (None, "") else int(str(value))


class TaskFieldsForm(FlaskForm):
    """A task's own fields, as the form and each row of a CSV import give them."""

    title = title_field()
    description = description_field()
    status = SelectField("Status", choices=STATUS_CHOICES, default=TaskStatus.PENDING, validators=[InputRequired()])
    due_date = DateField("Due date", validators=[Optional()])
    priority = priority_field()

    def changes(self) -> dict[str, Any]:
        """The task's fields as entered, by the names crud.create_task and crud.update_task take."""
        return {name: self[name].data for name in ("title", "description", "status", "due_date", "priority")}


class TaskForm(TaskFieldsForm):
    """A task with where it belongs: one of the person's lists and any of their labels."""

    list_id = OptionalSelectField("List", coerce=int, default=None)
    label_ids = MultiCheckboxField(
        "Labels", coerce=int, description="Labels are made on the Labels page, or by #name in quick add."
    )
    repeat = FormField(RepeatForm, label=_l("Repeat"), separator="_")

    def offer(self, lists: Sequence[TaskList], labels: Sequence[Label]) -> "TaskForm":
        """Offer the person's own lists and labels, and nothing else."""
        self.list_id.choices = list_choices(lists)
        self.label_ids.choices = label_choices(labels)
        return self

    def changes(self) -> dict[str, Any]:
        repeat: RepeatForm = self.repeat.form
        changes = super().changes() | {"label_ids": self.label_ids.data} | repeat.changes()
        if self.list_id.data is not None:  # left out: the Inbox for a new task, the same list for an edit
            changes["list_id"] = self.list_id.data
        return changes

    def show_error(self, error: CrudError) -> None:
        """Put a domain error under the field holding what it names (a part of the rule: its own field)."""
        if isinstance(error, InvalidRecurrence) and error.field == "recurrence":
            repeat: RepeatForm = self.repeat.form
            repeat.show_error(error)
        else:
            self[error.field or "title"].errors.append(str(error))


class NewTaskForm(TaskForm):
    form_token = form_token_field()


class TaskEditForm(TaskForm):
    # Which version of the task the form was filled from, for optimistic locking.
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    scope = RadioField(
        _l("This task repeats: save the changes for"),
        choices=[
            SelectChoice(Scope.THIS.value, _l("This task only (the following ones stay as they were)")),
            SelectChoice(Scope.FOLLOWING.value, _l("This and the following tasks")),
        ],
        default=Scope.FOLLOWING.value,
    )

    def for_task(self, task: Task, filled: bool) -> "TaskEditForm":
        """Show the task's rule unless the fields were `filled` from a post; ask the scope only of a repeating
        task."""
        if not filled:
            self.repeat.form.show(task.recurrence, task.repeat_from_completion)
        if not task.recurrence:
            del self.scope
        return self


class TaskFilterForm(ListForm):
    """The filters above the task list:
    ?status=...&status=...&due=...&q=...&list=...&label=...&priority=...&sort=...&per_page=..."""

    # Shown as rows of checkboxes: iterating such a field gives one per choice.
    status = SelectMultipleField("Status", choices=STATUS_CHOICES, default=[], option_widget=CheckboxInput())
    due = SelectField("Due", choices=[SelectChoice(due.value, due.label) for due in Due], default=Due.ANY.value)
    list = OptionalSelectField("List", coerce=optional_id, default=None)
    priority = SelectMultipleField(
        "Priority", coerce=int, choices=PRIORITY_CHOICES, default=[], option_widget=CheckboxInput()
    )
    label = SelectMultipleField(
        "Labels (tasks with all of them)", coerce=int, default=[], option_widget=CheckboxInput()
    )
    sort = SelectField("Sort by", choices=ListForm.sort_choices(SORT_LABELS), default=DEFAULT_SORT)

    @classmethod
    def for_owner(cls, args: Any, lists: Sequence[TaskList], labels: Sequence[Label]) -> "TaskFilterForm":
        """The filters of the query string, offering the person's own lists and labels."""
        form = cls(args)
        form.list.choices = [SelectChoice("", "Any list"), *list_choices(lists)]
        form.label.choices = label_choices(labels)
        return form.checked()

    def crud_args(self) -> dict[str, Any]:
        """The filters as list_tasks takes them."""
        values = self.values()
        values["list_id"] = values.pop("list")
        return values

    FOLDED = ("status", "list", "priority", "label", "due")

    def folded_filters_active(self) -> bool:
        """Whether a filter other than the search is in use: the list page then shows them unfolded."""
        return any(name in self.FOLDED for name in self.query_args())

    def active_filters(self) -> Sequence[tuple[str, dict[str, Any]]]:
        """Each active filter as (what it says, the query args of this view without it)."""
        args = self.query_args()
        active = [
            (f"Status: {TaskStatus(status).label}", args | {"status": [s for s in args["status"] if s != status]})
            for status in args.get("status", [])
        ]
        names = {field: {choice.value: choice.label for choice in self[field].choices} for field in ("list", "label")}
        if "list" in args:
            active.append((f"List: {names['list'][args['list']]}", args | {"list": None}))
        active += [
            (f"Label: {names['label'][label]}", args | {"label": [kept for kept in args["label"] if kept != label]})
            for label in args.get("label", [])
        ]
        active += [
            (
                f"Priority: {Priority(priority).label}",
                args | {"priority": [kept for kept in args["priority"] if kept != priority]},
            )
            for priority in args.get("priority", [])
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
        SelectChoice("move", "Move to list"),
        SelectChoice("add_label", "Add label"),
        SelectChoice("remove_label", "Remove label"),
        SelectChoice("set_priority", "Set priority"),
        SelectChoice("delete", "Delete"),
    )

    all_on_page = BooleanField("All on this page")
    page_ids = task_ids_field()
    action = SelectField(choices=ACTIONS, validators=[InputRequired()])
    status = SelectField("Status", choices=STATUS_CHOICES, default=TaskStatus.COMPLETED.value)
    # Any id may be posted: the CRUD layer answers NotFound for a list or label that is not the person's.
    list_id = SelectField("List", coerce=int, validate_choice=False, validators=[Optional()])
    label_id = SelectField("Label", coerce=int, validate_choice=False, validators=[Optional()])
    priority = priority_field()

    def offer(self, lists: Sequence[TaskList], labels: Sequence[Label]) -> "BulkActionForm":
        """The person's lists and labels to move to and to add or remove."""
        self.list_id.choices = list_choices(lists)
        self.label_id.choices = label_choices(labels)
        return self

    def selected_ids(self) -> list[int]:
        ids: list[int] = self.page_ids.data if self.all_on_page.data else self.ids.data
        return ids


class ImportForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Choose a CSV file to import.")])
