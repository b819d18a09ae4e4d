"""A repeat rule said in words, in the page's language: "Every 2 weeks on Monday and Thursday, from the due date".

Each piece is one whole translatable phrase with named placeholders, so a language can order and inflect
it as it needs (the ordinal with its weekday, the day with its month).
"""

from flask_babel import LazyString

from ..i18n import _, _l, ngettext
from ..recurrence import Frequency, Rule, parse

WEEKDAYS: tuple[LazyString, ...] = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)
MONTHS: tuple[LazyString, ...] = (
    _l("January"),
    _l("February"),
    _l("March"),
    _l("April"),
    _l("May"),
    _l("June"),
    _l("July"),
    _l("August"),
    _l("September"),
    _l("October"),
    _l("November"),
    _l("December"),
)
ORDINALS: dict[int, LazyString] = {
    1: _l("First"),
    2: _l("Second"),
    3: _l("Third"),
    4: _l("Fourth"),
    -1: _l("Last"),
}
# The days after which a day of the month falls back to a shorter month's last day.
SHORTEST_MONTH = 28


def describe_text(recurrence: str, from_completion: bool) -> str:
    """A stored rule in words."""
    return describe(parse(recurrence), from_completion)


def describe(rule: Rule, from_completion: bool) -> str:
    words = _on_which_days(rule, _every(rule))
    if rule.count == 1:
        words = _("%(rule)s, this is the last time", rule=words)
    elif rule.count is not None:
        words = ngettext(
            "%(rule)s, %(num)d more time with this one",
            "%(rule)s, %(num)d more times with this one",
            rule.count,
            rule=words,
        )
    if rule.until is not None:
        words = _(
            "%(rule)s, until %(day)d %(month)s %(year)d",
            rule=words,
            day=rule.until.day,
            month=MONTHS[rule.until.month - 1],
            year=rule.until.year,
        )
    if from_completion:
        return _("%(rule)s, from the completion date", rule=words)
    return _("%(rule)s, from the due date", rule=words)


def _every(rule: Rule) -> str:
    count = rule.interval
    if rule.frequency is Frequency.DAILY:
        return ngettext("Every day", "Every %(num)d days", count)
    if rule.frequency is Frequency.WEEKLY:
        return ngettext("Every week", "Every %(num)d weeks", count)
    if rule.frequency is Frequency.MONTHLY:
        return ngettext("Every month", "Every %(num)d months", count)
    return ngettext("Every year", "Every %(num)d years", count)


def _on_which_days(rule: Rule, every: str) -> str:
    if rule.weekdays:
        *first, last = (str(WEEKDAYS[day]) for day in sorted(rule.weekdays))
        days = _("%(first)s and %(last)s", first=", ".join(first), last=last) if first else last
        return _("%(every)s on %(weekdays)s", every=every, weekdays=days)
    if rule.nth is not None and rule.nth_weekday is not None:
        return _nth_weekday(every, rule.nth, WEEKDAYS[rule.nth_weekday])
    if rule.month is not None and rule.month_day is not None:
        month = MONTHS[rule.month - 1]
        if rule.month_day > SHORTEST_MONTH:
            return _(
                "%(every)s on %(day)d %(month)s (the month's last day in shorter years)",
                every=every,
                day=rule.month_day,
                month=month,
            )
        return _("%(every)s on %(day)d %(month)s", every=every, day=rule.month_day, month=month)
    if rule.month_day is not None and rule.month_day > SHORTEST_MONTH:
        return _("%(every)s on day %(day)d (the last day in shorter months)", every=every, day=rule.month_day)
    if rule.month_day is not None:
        return _("%(every)s on day %(day)d", every=every, day=rule.month_day)
    return every


def _nth_weekday(every: str, nth: int, weekday: LazyString) -> str:
    """ "on the second Tuesday": one phrase per ordinal, which some languages inflect with the weekday."""
    if nth == 1:
        return _("%(every)s on the first %(weekday)s", every=every, weekday=weekday)
    if nth == 2:
        return _("%(every)s on the second %(weekday)s", every=every, weekday=weekday)
    if nth == 3:
        return _("%(every)s on the third %(weekday)s", every=every, weekday=weekday)
    if nth == 4:
        return _("%(every)s on the fourth %(weekday)s", every=every, weekday=weekday)
    return _("%(every)s on the last %(weekday)s", every=every, weekday=weekday)
