from datetime import time
from typing import Any

from wtforms import DateTimeLocalField, IntegerField, TimeField
from wtforms.validators import InputRequired, NumberRange

from ..crud.reminders import DAYS_BEFORE_MAX
from ..forms import PageForm
from ..i18n import _l


class ReminderAtForm(PageForm):
    remind_at = DateTimeLocalField(
        _l("Date and time"),
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("Choose a date and a time, e.g. 2030-06-01 09:00."))],
        description=_l("In your time zone."),
    )

    def reminder(self) -> dict[str, Any]:
        """What crud.add_reminder takes from this form."""
        return {"remind_at": self.remind_at.data}


class ReminderBeforeDueForm(PageForm):
    days_before = IntegerField(
        _l("Days before the due date"),
        default=0,
        validators=[
            InputRequired(_l("Choose how many days before: 0 is on the due date.")),
            NumberRange(0, DAYS_BEFORE_MAX, _l("Choose 0 (on the due date) to 365 days before.")),
        ],
        description=_l("0: on the due date. Moves with the due date."),
    )
    at_time = TimeField(
        _l("At"), default=time(9, 0), validators=[InputRequired(_l("Choose the time of day, e.g. 09:00."))]
    )

    def reminder(self) -> dict[str, Any]:
        """What crud.add_reminder takes from this form."""
        return {"days_before": self.days_before.data, "at_time": self.at_time.data}


# Both forms share the task's page, so their fields carry a prefix to keep ids and labels unique.
def at_form(**kwargs: Any) -> ReminderAtForm:
    return ReminderAtForm(prefix="reminder_at", **kwargs)


def before_due_form(**kwargs: Any) -> ReminderBeforeDueForm:
    return ReminderBeforeDueForm(prefix="reminder_before", **kwargs)
