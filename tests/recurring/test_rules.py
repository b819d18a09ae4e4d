"""Repeat rules (webapp.recurrence): RRULE text read and written, described in words, stepped by date."""

from datetime import date

import pytest

from webapp.recurrence import Frequency, InvalidRule, Rule, parse
from webapp.tasks.rule_words import describe


@pytest.mark.parametrize(
    "text, words",
    [
        ("FREQ=DAILY", "Every day, from the due date"),
        ("FREQ=DAILY;INTERVAL=3", "Every 3 days, from the due date"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "Every 2 weeks on Monday and Thursday, from the due date"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "Every week on Monday, Wednesday and Friday, from the due date"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "Every month on day 15, from the due date"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
            "Every month on day 31 (the last day in shorter months), from the due date",
        ),
        ("FREQ=MONTHLY;BYDAY=2TU", "Every month on the second Tuesday, from the due date"),
        ("FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR", "Every 3 months on the last Friday, from the due date"),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5", "Every year on 5 March, from the due date"),
        ("FREQ=DAILY;COUNT=4", "Every day, 4 more times with this one, from the due date"),
        ("FREQ=DAILY;COUNT=1", "Every day, this is the last time, from the due date"),
        ("FREQ=WEEKLY;UNTIL=20301231", "Every week, until 31 December 2030, from the due date"),
    ],
)
def test_a_stored_rule_reads_back_the_same_and_is_said_in_words(app_context, text, words):
    rule = parse(text)
    assert rule.text == text
    assert describe(rule, from_completion=False) == words


def test_a_rule_counted_from_completion_says_so(app_context):
    assert describe(parse("FREQ=WEEKLY"), from_completion=True) == "Every week, from the completion date"


@pytest.mark.parametrize(
    "language, words",
    [
        ("de", "Alle 2 Wochen am Montag und Donnerstag, ab dem Fälligkeitsdatum"),
        ("es", "Cada 2 semanas los lunes y jueves, desde la fecha de vencimiento"),
    ],
)
def test_the_rule_is_said_in_the_pages_language(app, language, words):
    with app.test_request_context(headers={"Accept-Language": language}):
        assert describe(parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"), from_completion=False) == words


def test_the_rrule_prefix_a_utc_until_and_letter_case_are_accepted():
    assert parse("RRULE:freq=weekly;until=20301231T235959Z").text == "FREQ=WEEKLY;UNTIL=20301231"


@pytest.mark.parametrize(
    "text, after, expected",
    [
        # Day 31 falls on the last day of shorter months, and comes back to the 31st after them.
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1", date(2031, 1, 31), date(2031, 2, 28)),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1", date(2031, 2, 28), date(2031, 3, 31)),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1", date(2031, 3, 31), date(2031, 4, 30)),
        ("FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1", date(2032, 1, 30), date(2032, 2, 29)),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1", date(2032, 2, 29), date(2033, 2, 28)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", date(2030, 6, 10), date(2030, 6, 13)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", date(2030, 6, 13), date(2030, 6, 24)),
        ("FREQ=MONTHLY;BYDAY=2TU", date(2030, 6, 11), date(2030, 7, 9)),
        ("FREQ=MONTHLY;BYDAY=-1FR", date(2030, 6, 28), date(2030, 7, 26)),
        ("FREQ=DAILY;INTERVAL=3", date(2030, 12, 30), date(2031, 1, 2)),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5", date(2030, 3, 5), date(2031, 3, 5)),
        ("FREQ=DAILY;UNTIL=20300612", date(2030, 6, 12), None),
        ("FREQ=DAILY;COUNT=1", date(2030, 6, 12), None),
        ("FREQ=DAILY;COUNT=2", date(2030, 6, 12), date(2030, 6, 13)),
    ],
)
def test_the_next_occurrence_is_the_rules_next_day(text, after, expected):
    assert parse(text).next_after(after) == expected


def test_each_next_occurrence_carries_one_fewer_of_a_counted_rule():
    rule = parse("FREQ=DAILY;COUNT=3")
    assert [rule.following().text, rule.following().following().count] == ["FREQ=DAILY;COUNT=2", 1]
    assert parse("FREQ=DAILY").following() == parse("FREQ=DAILY")


@pytest.mark.parametrize(
    "start, anchored",
    [
        (date(2031, 1, 31), "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
        (date(2031, 1, 15), "FREQ=MONTHLY;BYMONTHDAY=15"),
    ],
)
def test_a_monthly_rule_without_a_day_keeps_to_the_due_dates_day(start, anchored):
    assert parse("FREQ=MONTHLY").anchored(start).text == anchored


def test_a_yearly_rule_without_a_day_keeps_to_the_due_dates_month_and_day():
    assert parse("FREQ=YEARLY").anchored(date(2032, 2, 29)).text == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"


@pytest.mark.parametrize(
    "text, part, message",
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "month_day", "February has no day 30"),
        ("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "month_day", "April has no day 31"),
        ("FREQ=DAILY;COUNT=0", "count", "needs 1 to"),
        ("FREQ=DAILY;INTERVAL=0", "interval", "Repeat every 1 to 999 days"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20301231", "count", "not both"),
        ("FREQ=HOURLY", None, "FREQ is one of"),
        ("FREQ=DAILY;BYHOUR=9", None, "BYHOUR is not supported"),
        ("FREQ=DAILY;FREQ=WEEKLY", None, "each once"),
        ("nonsense", None, "NAME=value pairs"),
        ("FREQ=WEEKLY;BYDAY=XX", "weekdays", "lists weekdays"),
        ("FREQ=MONTHLY;BYDAY=2TU;BYMONTHDAY=3", "nth", "without a day of the month"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "month_day", "1 to 31"),
        ("FREQ=MONTHLY;BYMONTHDAY=5;BYSETPOS=-1", "month_day", "BYSETPOS=-1"),
        ("FREQ=DAILY;UNTIL=2030", "until", "UNTIL is a date"),
    ],
)
def test_a_rule_that_cannot_be_stored_says_which_part_is_wrong(text, part, message):
    with pytest.raises(InvalidRule, match=message) as refused:
        parse(text)
    assert refused.value.part == part


def test_a_rule_ending_before_its_first_occurrence_is_refused():
    with pytest.raises(InvalidRule, match="before the due date") as refused:
        Rule(Frequency.DAILY, until=date(2030, 6, 1)).check_start(date(2030, 6, 12))
    assert refused.value.part == "until"
