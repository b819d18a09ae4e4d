from collections.abc import Callable, Mapping, Sequence
from typing import Any

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
from ..crud.task_query import DEFAULT_SORT, ME, SORT_LABELS, Due
from ..forms import (
    ListForm,
    MultiCheckboxField,
    OptionalSelectField,
    PageForm,
    description_field,
    form_token_field,
    title_field,
)
from ..i18n import _, _l, message_of
from ..models import Label, Priority, Task, TaskList, TaskStatus, User
from .repeat_fields import RepeatForm

STATUS_CHOICES = [SelectChoice(status.value, status.label) for status in TaskStatus]
PRIORITY_CHOICES = [SelectChoice(int(priority), priority.label) for priority in Priority]


def list_choices(lists: Sequence[TaskList]) -> list[SelectChoice]:
    return [SelectChoice(task_list.id, task_list.name) for task_list in lists]


def label_choices(labels: Sequence[Label]) -> list[SelectChoice]:
    return [SelectChoice(label.id, label.name) for label in labels]


def priority_field() -> SelectField:
    return SelectField(_l("Priority"), coerce=int, choices=PRIORITY_CHOICES, default=int(Priority.NONE))


def people_choices(people: Sequence[User]) -> list[SelectChoice]:
    return [SelectChoice(person.id, person.email) for person in people]


def person_id(value: object) -> int:
    """A person's user id: as posted, or from the User of the task the form is filled from."""
    return value.id if isinstance(value, User) else int(str(value))


def assignee_value(value: object) -> int | str | None:
    """The assignee filter's value: ME, a user id, or empty or None for anyone."""
    if value is None or value in ("", ME):
        return str(value) if value is not None else None
    return int(str(value))


def optional_id(value: object) -> int | None:
    """An id chosen in a select whose empty option means "any"."""
    return None if value in (None, "") else int(str(value))


class TaskFieldsForm(PageForm):
    """A task's own fields, as the form and each row of a CSV import give them."""

    title = title_field()
    description = description_field()
    status = SelectField(_l("Status"), choices=STATUS_CHOICES, default=TaskStatus.PENDING, validators=[InputRequired()])
    due_date = DateField(_l("Due date"), validators=[Optional()])
    priority = priority_field()

    def changes(self) -> dict[str, Any]:
        """The task's fields as entered, by the names crud.create_task and crud.update_task take."""
        return {name: self[name].data for name in ("title", "description", "status", "due_date", "priority")}


class TaskForm(TaskFieldsForm):
    """A task with where it belongs: one of the person's lists and any of their labels."""

    list_id = OptionalSelectField(_l("List"), coerce=int, default=None)
    label_ids = MultiCheckboxField(
        _l("Labels"), coerce=int, description=_l("Labels are made on the Labels page, or by #name in quick add.")
    )
    # Any member of the list the task goes in may be posted: the CRUD layer refuses anyone else (NotAMember).
    assignees = MultiCheckboxField(
        _l("Assigned to"), coerce=person_id, validate_choice=False, description=_l("Members of the list.")
    )
    repeat = FormField(RepeatForm, label=_l("Repeat"), separator="_")

    def offer(self, lists: Sequence[TaskList], labels: Sequence[Label], people: Sequence[User] = ()) -> "TaskForm":
        """Offer the person's own lists and labels, and the `people` of the list the task is in, if it is
        shared (more than one)."""
        self.list_id.choices = list_choices(lists)
        self.label_ids.choices = label_choices(labels)
        if len(people) > 1:
            self.assignees.choices = people_choices(people)
        else:
            del self.assignees
        return self

    def changes(self) -> dict[str, Any]:
        repeat: RepeatForm = self.repeat.form
        changes = super().changes() | {"label_ids": self.label_ids.data} | repeat.changes()
        if "assignees" in self:
            changes["assignees"] = self.assignees.data
        if self.list_id.data is not None:  # left out: the Inbox for a new task, the same list for an edit
            changes["list_id"] = self.list_id.data
        return changes

    def show_error(self, error: CrudError) -> None:
        """Put a domain error under the field holding what it names (a part of the rule: its own field)."""
        if isinstance(error, InvalidRecurrence) and error.field == "recurrence":
            repeat: RepeatForm = self.repeat.form
            repeat.show_error(error)
        else:
            self[error.field or "title"].errors.append(message_of(error))


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
    status = SelectMultipleField(_l("Status"), choices=STATUS_CHOICES, default=[], option_widget=CheckboxInput())
    due = SelectField(_l("Due"), choices=[SelectChoice(due.value, _l(due.label)) for due in Due], default=Due.ANY.value)
    list = OptionalSelectField(_l("List"), coerce=optional_id, default=None)
    priority = SelectMultipleField(
        _l("Priority"), coerce=int, choices=PRIORITY_CHOICES, default=[], option_widget=CheckboxInput()
    )
    label = SelectMultipleField(
        _l("Labels (tasks with all of them)"), coerce=int, default=[], option_widget=CheckboxInput()
    )
    assignee = OptionalSelectField(_l("Assigned to"), coerce=assignee_value, default=None)
    sort = SelectField(_l("Sort by"), choices=ListForm.sort_choices(SORT_LABELS), default=DEFAULT_SORT)

    @classmethod
    def for_owner(
        cls, args: Any, lists: Sequence[TaskList], labels: Sequence[Label], people: Sequence[User]
    ) -> "TaskFilterForm":
        """The filters of the query string, offering the person's own lists and labels, and the `people` the
        tasks shown may be assigned to."""
        form = cls(args)
        form.list.choices = [SelectChoice("", _("Any list")), *list_choices(lists)]
        form.label.choices = label_choices(labels)
        form.assignee.choices = [
            SelectChoice("", _("Anyone or no one")),
            SelectChoice(ME, _("Me")),
            *people_choices(people),
        ]
        return form.checked()

    def crud_args(self) -> dict[str, Any]:
        """The filters as list_tasks takes them."""
        values = self.values()
        values["list_id"] = values.pop("list")
        return values

    FOLDED = ("status", "list", "priority", "label", "due", "assignee")

    def folded_filters_active(self) -> bool:
        """Whether a filter other than the search is in use: the list page then shows them unfolded."""
        return any(name in self.FOLDED for name in self.query_args())

    def active_filters(self) -> Sequence[tuple[str, dict[str, Any]]]:
        """Each active filter as (what it says, the query args of this view without it)."""
        args = self.query_args()
        active = [
            (
                _("Status: %(status)s", status=TaskStatus(status).label),
                args | {"status": [s for s in args["status"] if s != status]},
            )
            for status in args.get("status", [])
        ]
        names = {
            field: {choice.value: choice.label for choice in self[field].choices}
            for field in ("list", "label", "assignee")
        }
        if "list" in args:
            active.append((_("List: %(list)s", list=names["list"][args["list"]]), args | {"list": None}))
        if "assignee" in args:
            person = names["assignee"][args["assignee"]]
            active.append((_("Assigned to: %(person)s", person=person), args | {"assignee": None}))
        active += [
            (
                _("Label: %(label)s", label=names["label"][label]),
                args | {"label": [kept for kept in args["label"] if kept != label]},
            )
            for label in args.get("label", [])
        ]
        active += [
            (
                _("Priority: %(priority)s", priority=Priority(priority).label),
                args | {"priority": [kept for kept in args["priority"] if kept != priority]},
            )
            for priority in args.get("priority", [])
        ]
        if "due" in args:
            active.append((_(Due(args["due"]).label), args | {"due": None}))
        if "q" in args:
            active.append((_("Search: “%(text)s”", text=args["q"]), args | {"q": None}))
        return active


def task_ids_field() -> SelectMultipleField:
    # Any id may be posted; the CRUD layer acts only on the owner's tasks among them.
    return SelectMultipleField(coerce=int, validate_choice=False)


class TaskIdsForm(PageForm):
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
            self.ids.errors.append(_("Select at least one task first."))
        elif len(set(selected)) > MAX_PER_PAGE:
            self.ids.errors.append(_("Select at most %(max)d tasks at a time.", max=MAX_PER_PAGE))
        elif not all(is_storable_id(task_id) for task_id in selected):
            self.ids.errors.append(_("Some of the selected tasks do not exist."))
        return not self.ids.errors


class BulkActionForm(TaskIdsForm):
    """One action on the ticked tasks, or on every task of the page shown."""

    ACTIONS = (
        SelectChoice("complete", _l("Complete")),
        SelectChoice("set_status", _l("Set status")),
        SelectChoice("move", _l("Move to list")),
        SelectChoice("add_label", _l("Add label")),
        SelectChoice("remove_label", _l("Remove label")),
        SelectChoice("set_priority", _l("Set priority")),
        SelectChoice("delete", _l("Delete")),
    )

    all_on_page = BooleanField(_l("All on this page"))
    page_ids = task_ids_field()
    action = SelectField(choices=ACTIONS, validators=[InputRequired()])
    status = SelectField(_l("Status"), choices=STATUS_CHOICES, default=TaskStatus.COMPLETED.value)
    # Any id may be posted: the CRUD layer answers NotFound for a list or label that is not the person's.
    list_id = SelectField(_l("List"), coerce=int, validate_choice=False, validators=[Optional()])
    label_id = SelectField(_l("Label"), coerce=int, validate_choice=False, validators=[Optional()])
    priority = priority_field()

    def offer(self, lists: Sequence[TaskList], labels: Sequence[Label]) -> "BulkActionForm":
        """The person's lists and labels to move to and to add or remove."""
        self.list_id.choices = list_choices(lists)
        self.label_id.choices = label_choices(labels)
        return self

    def selected_ids(self) -> list[int]:
        ids: list[int] = self.page_ids.data if self.all_on_page.data else self.ids.data
        return ids


class ImportForm(PageForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file to import."))])
