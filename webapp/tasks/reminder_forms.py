from datetime import time
from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, TimeField
from wtforms.validators import InputRequired, NumberRange

from ..crud.reminders import DAYS_BEFORE_MAX


class ReminderAtForm(FlaskForm):
    remind_at = DateTimeLocalField(
        "Date and time",
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired("Choose a date and a time, e.g. 2030-06-01 09:00.")],
        description="In your time zone.",
    )


class ReminderBeforeDueForm(FlaskForm):
    days_before = IntegerField(
        "Days before the due date",
        default=0,
        validators=[
            InputRequired("Choose how many days before: 0 is on the due date."),
            NumberRange(0, DAYS_BEFORE_MAX, f"Choose 0 (on the due date) to {DAYS_BEFORE_MAX} days before."),
        ],
        description="0: on the due date. Moves with the due date.",
    )
    at_time = TimeField("At", default=time(9, 0), validators=[InputRequired("Choose the time of day, e.g. 09:00.")])


# Both forms share the task's page, so their fields carry a prefix to keep ids and labels unique.
def at_form(**kwargs: Any) -> ReminderAtForm:
    return ReminderAtForm(prefix="reminder_at", **kwargs)


def before_due_form(**kwargs: Any) -> ReminderBeforeDueForm:
    return ReminderBeforeDueForm(prefix="reminder_before", **kwargs)
