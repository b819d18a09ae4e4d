from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import HiddenInput

from ..forms import description_field, title_field
from ..models import TaskStatus

STATUS_CHOICES = [SelectChoice(status.value, status.label) for status in TaskStatus]

class TaskForm(FlaskForm):
    title = title_field()
    description = description_field()
    status = SelectField(
        "Status", choices=STATUS_CHOICES, default=TaskStatus.PENDING, validators=[InputRequired()]
    )
    due_date = DateField("Due date", validators=[Optional()])


class TaskEditForm(TaskForm):
    # Which version of the task the form was filled from, for optimistic locking.
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
