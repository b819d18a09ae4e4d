"""How a task repeats: an RFC 5545 RRULE, read, written and stepped with python-dateutil (tasks.rule_words says it
in words).

Only the rules the task form can make are accepted (from the API and CSV import too), so every
stored rule can be shown in words and edited with the form's plain fields:

- every N days; every N weeks, optionally on chosen weekdays (`BYDAY=MO,TH`);
- every N months on day N (`BYMONTHDAY=15`) or on the nth weekday (`BYDAY=2TU`, `BYDAY=-1FR`);
- every N years on a month and day (`BYMONTH=3;BYMONTHDAY=5`);
- ending never, after a number of times (`COUNT`) or on a date (`UNTIL`).

dateutil, as RFC 5545 says, skips a month that has no day 31. A day after the 28th is therefore
written as "the last of the days 28 to N that the month has" (`BYMONTHDAY=28,29,30,31;BYSETPOS=-1`):
day 31 falls on the 30th in April and on the 28th (or 29th) in February, in every calendar
application reading the rule, not only here.

COUNT is how many occurrences are left, this one included: each next occurrence carries one less,
so a rule counts the same whether it is stepped from the due date or from the completion date.
"""

import enum
from dataclasses import dataclass, replace
from datetime import date, datetime

from dateutil.rrule import rrulestr

MAX_INTERVAL = 999
MAX_COUNT = 9999
# The days a day of the month falls back to in shorter months: the last of 28..N the month has.
SHORTEST_MONTH = 28
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The nth weekdays of a month a rule may name: first to fourth, and -1 for the last.
NTH_WEEKDAYS = (1, 2, 3, 4, -1)
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# The most days each month can have (February in a leap year).
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
PARTS = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "BYMONTH", "COUNT", "UNTIL"})


class Frequency(enum.StrEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"

    @property
    def unit(self) -> str:
        return {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[self.value]


class InvalidRule(ValueError):
    """A rule that cannot be stored; `part` names what is wrong (interval, weekdays, month_day, nth, count,
    until), or is None for the rule as a whole."""

    def __init__(self, message: str, part: str | None = None):
        super().__init__(message)
        self.part = part


@dataclass(frozen=True)
class Rule:
    frequency: Frequency
    interval: int = 1
    #: WEEKLY: the weekdays (0 is Monday); none means the due date's weekday.
    weekdays: tuple[int, ...] = ()
    #: MONTHLY or YEARLY: the day of the month, falling on the month's last day when it has fewer.
    month_day: int | None = None
    #: MONTHLY: the nth (1 to 4, or -1 for the last) `nth_weekday` of the month.
    nth: int | None = None
    nth_weekday: int | None = None
    #: YEARLY: the month (1 is January), with `month_day`.
    month: int | None = None
    #: Occurrences left, this one included; None: no end by count.
    count: int | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.interval <= MAX_INTERVAL:
            raise InvalidRule(f"Repeat every 1 to {MAX_INTERVAL} {self.frequency.unit}s.", "interval")
        if self.weekdays and self.frequency is not Frequency.WEEKLY:
            raise InvalidRule("Weekdays apply to a weekly rule only.", "weekdays")
        if any(day not in range(7) for day in self.weekdays) or len(set(self.weekdays)) != len(self.weekdays):
            raise InvalidRule("Choose each weekday at most once.", "weekdays")
        self._check_month_parts()
        if self.count is not None and not 1 <= self.count <= MAX_COUNT:
            raise InvalidRule(f"A rule that ends after a number of times needs 1 to {MAX_COUNT} of them.", "count")
        if self.count is not None and self.until is not None:
            raise InvalidRule("End after a number of times or on a date, not both.", "count")

    def _check_month_parts(self) -> None:
        if (self.nth is None) != (self.nth_weekday is None):
            raise InvalidRule("Choose which weekday of the month, such as the second Tuesday.", "nth")
        if self.nth is not None and (self.frequency is not Frequency.MONTHLY or self.month_day is not None):
            raise InvalidRule("The nth weekday applies to a monthly rule without a day of the month.", "nth")
        if self.nth is not None and (self.nth not in NTH_WEEKDAYS or self.nth_weekday not in range(7)):
            raise InvalidRule("The nth weekday is the first to fourth or the last of a weekday.", "nth")
        if self.month_day is not None and self.frequency not in (Frequency.MONTHLY, Frequency.YEARLY):
            raise InvalidRule("A day of the month applies to monthly and yearly rules only.", "month_day")
        if self.month_day is not None and not 1 <= self.month_day <= 31:
            raise InvalidRule("A day of the month is 1 to 31.", "month_day")
        if self.frequency is Frequency.YEARLY and (self.month is None) != (self.month_day is None):
            raise InvalidRule("A yearly rule names both a month and a day, or neither.", "month_day")
        if self.month is not None and self.frequency is not Frequency.YEARLY:
            raise InvalidRule("A month applies to a yearly rule only.", "month_day")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidRule("A month is 1 to 12.", "month_day")
        if self.month is not None and self.month_day is not None and self.month_day > MONTH_DAYS[self.month - 1]:
            raise InvalidRule(
                f"{MONTH_NAMES[self.month - 1]} has no day {self.month_day}: this rule would never repeat.",
                "month_day",
            )

    def anchored(self, start: date) -> "Rule":
        """The rule with the day it repeats on taken from `start` (the due date) where it names none, so a
        monthly rule started on the 31st keeps to the month's last day rather than skipping short months."""
        if self.frequency is Frequency.MONTHLY and self.month_day is None and self.nth is None:
            return replace(self, month_day=start.day)
        if self.frequency is Frequency.YEARLY and self.month is None:
            return replace(self, month=start.month, month_day=start.day)
        return self

    def check_start(self, start: date) -> None:
        """Refuse a rule whose end comes before its first occurrence, due on `start`."""
        if self.until is not None and self.until < start:
            raise InvalidRule("The end date is before the due date: this rule would never repeat.", "until")

    @property
    def text(self) -> str:
        """The rule as RFC 5545 writes it (without the RRULE: prefix)."""
        return self._rrule_text(with_count=True)

    def _rrule_text(self, with_count: bool) -> str:
        parts = [f"FREQ={self.frequency.value}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.weekdays:
            parts.append("BYDAY=" + ",".join(WEEKDAY_CODES[day] for day in sorted(self.weekdays)))
        if self.nth is not None and self.nth_weekday is not None:
            parts.append(f"BYDAY={self.nth}{WEEKDAY_CODES[self.nth_weekday]}")
        if self.month is not None:
            parts.append(f"BYMONTH={self.month}")
        if self.month_day is not None and self.month_day > SHORTEST_MONTH:
            days = ",".join(str(day) for day in range(SHORTEST_MONTH, self.month_day + 1))
            parts.append(f"BYMONTHDAY={days};BYSETPOS=-1")
        elif self.month_day is not None:
            parts.append(f"BYMONTHDAY={self.month_day}")
        if self.count is not None and with_count:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        return ";".join(parts)

    def next_after(self, day: date) -> date | None:
        """The first day after `day` the rule falls on, counting from `day`; None when it has ended."""
        if self.count == 1:
            return None
        start = datetime(day.year, day.month, day.day)
        following = rrulestr(self._rrule_text(with_count=False), dtstart=start).after(start)
        return None if following is None else following.date()

    def following(self) -> "Rule":
        """The rule the next occurrence carries: one fewer left, when counted."""
        return self if self.count is None else replace(self, count=self.count - 1)


def parse(text: str) -> Rule:
    """A rule from its RFC 5545 text (with or without `RRULE:`), or InvalidRule saying what is wrong."""
    body = text.strip().removeprefix("RRULE:")
    values: dict[str, str] = {}
    for part in body.split(";"):
        name, sign, value = part.partition("=")
        name = name.strip().upper()
        if not sign or not value.strip() or name in values:
            raise InvalidRule(f"Write the rule as NAME=value pairs separated by semicolons, each once: {part!r}.")
        if name not in PARTS:
            raise InvalidRule(f"{name} is not supported; a rule uses {', '.join(sorted(PARTS))}.")
        values[name] = value.strip().upper()
    try:
        frequency = Frequency(values.get("FREQ", ""))
    except ValueError:
        raise InvalidRule("FREQ is one of DAILY, WEEKLY, MONTHLY or YEARLY.") from None
    month_day = _month_day(values.get("BYMONTHDAY"), values.get("BYSETPOS"))
    weekdays, nth, nth_weekday = _by_day(values.get("BYDAY"), frequency)
    return Rule(
        frequency=frequency,
        interval=_number(values.get("INTERVAL", "1"), "INTERVAL", "interval"),
        weekdays=weekdays,
        month_day=month_day,
        nth=nth,
        nth_weekday=nth_weekday,
        month=None if "BYMONTH" not in values else _number(values["BYMONTH"], "BYMONTH", "month_day"),
        count=None if "COUNT" not in values else _number(values["COUNT"], "COUNT", "count"),
        until=None if "UNTIL" not in values else _until(values["UNTIL"]),
    )


def _number(value: str, name: str, part: str) -> int:
    if not value.lstrip("-").isdigit() or len(value) > 6:
        raise InvalidRule(f"{name} is a whole number.", part)
    return int(value)


def _until(value: str) -> date:
    """UNTIL as a date (`20271231`), or as the date of a UTC time (`20271231T235959Z`)."""
    try:
        return datetime.strptime(value[:8], "%Y%m%d").date()
    except ValueError:
        raise InvalidRule("UNTIL is a date such as 20271231.", "until") from None


def _month_day(days: str | None, set_position: str | None) -> int | None:
    """BYMONTHDAY: one day, or 28 up to a day with BYSETPOS=-1 (that day or the month's last)."""
    if days is None:
        if set_position is not None:
            raise InvalidRule("BYSETPOS is supported only as BYMONTHDAY=28,...,N;BYSETPOS=-1.")
        return None
    numbers = [_number(day, "BYMONTHDAY", "month_day") for day in days.split(",")]
    if set_position is None and len(numbers) == 1:
        return numbers[0]
    if set_position == "-1" and numbers == list(range(SHORTEST_MONTH, numbers[-1] + 1)) and len(numbers) > 1:
        return numbers[-1]
    raise InvalidRule("BYMONTHDAY is one day, or 28,...,N with BYSETPOS=-1 (day N or the month's last).", "month_day")


def _by_day(value: str | None, frequency: Frequency) -> tuple[tuple[int, ...], int | None, int | None]:
    """BYDAY: weekdays of a weekly rule (MO,TH), or one nth weekday of a monthly rule (2TU, -1FR)."""
    if value is None:
        return (), None, None
    if frequency is Frequency.WEEKLY:
        codes = value.split(",")
        if not all(code in WEEKDAY_CODES for code in codes):
            raise InvalidRule("BYDAY of a weekly rule lists weekdays such as MO,TH.", "weekdays")
        return tuple(WEEKDAY_CODES.index(code) for code in codes), None, None
    code, number = value[-2:], value[:-2].lstrip("+")
    if frequency is not Frequency.MONTHLY or code not in WEEKDAY_CODES or not number.lstrip("-").isdigit():
        raise InvalidRule("BYDAY of a monthly rule is one nth weekday such as 2TU or -1FR.", "nth")
    return (), int(number), WEEKDAY_CODES.index(code)
