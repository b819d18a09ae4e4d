"""The task form's repeat fields: plain choices that make an RRULE (webapp.recurrence), no rule syntax to type.

A sub-form (wtforms FormField, its fields named repeat_frequency, repeat_interval, ...). Fields that do
not apply to the frequency and end chosen are ignored, and checked only when they apply.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from wtforms import DateField, Form, IntegerField, RadioField, SelectField
from wtforms.fields import SelectChoice
from wtforms.validators import Optional

from ..crud.errors import InvalidRecurrence
from ..forms import MultiCheckboxField
from ..i18n import _l
from ..recurrence import Frequency, InvalidRule, Rule, parse
from .rule_words import ORDINALS, WEEKDAYS

WEEKDAY_CHOICES = [SelectChoice(number, name) for number, name in enumerate(WEEKDAYS)]


class RepeatForm(Form):
    frequency = SelectField(
        _l("Repeats"),
        choices=[
            SelectChoice("", _l("Does not repeat")),
            SelectChoice(Frequency.DAILY.value, _l("Every day or every few days")),
            SelectChoice(Frequency.WEEKLY.value, _l("Every week or every few weeks")),
            SelectChoice(Frequency.MONTHLY.value, _l("Every month or every few months")),
            SelectChoice(Frequency.YEARLY.value, _l("Every year or every few years")),
        ],
        default="",
    )
    interval = IntegerField(
        _l("Every how many days, weeks, months or years"),
        default=1,
        validators=[Optional()],
        description=_l("1 for every one, 2 for every other one, and so on."),
    )
    weekdays = MultiCheckboxField(
        _l("On these weekdays (weekly)"),
        coerce=int,
        choices=WEEKDAY_CHOICES,
        description=_l("None: the due date's weekday."),
    )
    monthly = RadioField(
        _l("Monthly on"),
        choices=[SelectChoice("day", _l("A day of the month")), SelectChoice("weekday", _l("A weekday of the month"))],
        default="day",
    )
    month_day = IntegerField(
        _l("Day of the month (monthly)"),
        validators=[Optional()],
        description=_l("Empty: the due date's day. Day 31 falls on the last day of shorter months."),
    )
    nth = SelectField(
        _l("Which weekday of the month (monthly)"),
        coerce=int,
        choices=[SelectChoice(number, word) for number, word in ORDINALS.items()],
        default=1,
    )
    nth_weekday = SelectField(_l("Weekday (monthly)"), coerce=int, choices=WEEKDAY_CHOICES, default=0)
    ends = RadioField(
        _l("Ends"),
        choices=[
            SelectChoice("never", _l("Never")),
            SelectChoice("until", _l("On a date")),
            SelectChoice("count", _l("After a number of times")),
        ],
        default="never",
    )
    until = DateField(_l("End date"), validators=[Optional()])
    count = IntegerField(_l("Number of times, this one included"), validators=[Optional()])
    counts_from = RadioField(
        _l("The next one is counted from"),
        choices=[
            SelectChoice("due_date", _l("When it was due")),
            SelectChoice("completion", _l("When it is completed")),
        ],
        default="due_date",
    )

    @property
    def is_open(self) -> bool:
        """Whether the form shows the fields at once: when the task repeats."""
        return bool(self.frequency.data)

    def applying(self) -> set[str]:
        """The fields that apply to the frequency and end chosen."""
        if not self.frequency.data:
            return {"frequency"}
        applying = {"frequency", "interval", "ends", "counts_from"}
        if self.frequency.data == Frequency.WEEKLY:
            applying.add("weekdays")
        if self.frequency.data == Frequency.MONTHLY:
            applying |= {"monthly", "month_day"} if self.monthly.data == "day" else {"monthly", "nth", "nth_weekday"}
        if self.ends.data in ("until", "count"):
            applying.add(self.ends.data)
        return applying

    def validate(self, extra_validators: Mapping[str, Sequence[Callable[..., None]]] | None = None) -> bool:
        """Drop the errors of fields that do not apply, and check the rule the others make."""
        super().validate(extra_validators)
        applying = self.applying()
        for name, field in self._fields.items():
            if name not in applying:
                field.errors = []
        if any(self[name].errors for name in applying):
            return False
        try:
            self.rule()
        except InvalidRule as invalid:
            self.field_for(invalid.part).errors.append(str(invalid))
            return False
        return True

    def rule(self) -> Rule | None:
        """The rule the fields make (None: the task does not repeat); InvalidRule naming the part at fault."""
        applying = self.applying()
        if "interval" not in applying:
            return None

        def value(name: str) -> Any:
            return self[name].data if name in applying else None

        if self.ends.data in ("until", "count") and value(self.ends.data) is None:
            raise InvalidRule(
                "Enter the end date." if self.ends.data == "until" else "Enter how many times.", self.ends.data
            )
        return Rule(
            frequency=Frequency(self.frequency.data),
            interval=1 if value("interval") is None else value("interval"),
            weekdays=tuple(value("weekdays") or ()),
            month_day=value("month_day"),
            nth=value("nth"),
            nth_weekday=value("nth_weekday"),
            count=value("count"),
            until=value("until"),
        )

    def changes(self) -> dict[str, Any]:
        """The rule as crud.create_task and crud.update_task take it."""
        rule = self.rule()
        return {
            "recurrence": None if rule is None else rule.text,
            "repeat_from_completion": rule is not None and self.counts_from.data == "completion",
        }

    def show(self, recurrence: str | None, from_completion: bool) -> None:
        """Fill the fields from a stored rule."""
        if not recurrence:
            return
        rule = parse(recurrence)
        self.frequency.data = rule.frequency.value
        self.interval.data = rule.interval
        self.weekdays.data = list(rule.weekdays)
        self.monthly.data = "day" if rule.nth is None else "weekday"
        self.month_day.data = rule.month_day if rule.month is None else None
        self.nth.data = rule.nth or 1
        self.nth_weekday.data = rule.nth_weekday or 0
        self.ends.data = "count" if rule.count else "until" if rule.until else "never"
        self.count.data = rule.count
        self.until.data = rule.until
        self.counts_from.data = "completion" if from_completion else "due_date"

    def field_for(self, part: str | None) -> Any:
        """The field holding a part of the rule (webapp.recurrence.InvalidRule.part), for a message about it."""
        return self[part] if part in self._fields else self.frequency

    def show_error(self, error: InvalidRecurrence) -> None:
        self.field_for(error.part).errors.append(str(error))
