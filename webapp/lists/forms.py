from wtforms import IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length
from wtforms.widgets import HiddenInput

from ..forms import PageForm, email_field, form_token_field, name_field, strip
from ..i18n import _l
from ..models import LIST_NAME_MAX, TITLE_MAX, ListRole
from ..tasks.forms import STATUS_CHOICES

# Room for a title and the words quick add takes out of it.
QUICK_ADD_MAX = TITLE_MAX + 200


class ListForm(PageForm):
    name = name_field(_l("Name"), LIST_NAME_MAX)


class QuickAddForm(PageForm):
    text = StringField(
        _l("Add a task"),
        filters=[strip],
        validators=[
            DataRequired(_l("Type what to do, e.g. “Call the dentist tomorrow #health !high”.")),
            Length(max=QUICK_ADD_MAX),
        ],
    )
    form_token = form_token_field()


class MoveCardForm(PageForm):
    """A card moved to another column: the board's buttons and its drag and drop post this same form."""

    task_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    status = SelectField(_l("Column"), choices=STATUS_CHOICES, validators=[InputRequired()])


ROLE_LABELS = {ListRole.VIEWER: _l("Viewer"), ListRole.EDITOR: _l("Editor"), ListRole.OWNER: _l("Owner")}
ROLE_CHOICES = [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


def role_field() -> SelectField:
    return SelectField(
        _l("Role"),
        choices=ROLE_CHOICES,
        default=ListRole.EDITOR.value,
        validators=[InputRequired()],
        description=_l("Viewers see the list; Editors also add, change and comment on tasks; Owners also manage it."),
    )


class AddMemberForm(PageForm):
    """Share the list with the account of an email, in a role."""

    email = email_field()
    role = role_field()


class RoleForm(PageForm):
    """A member's new role."""

    role = role_field()
