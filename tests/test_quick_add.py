"""Quick add reads a line as people type it; what it does not understand stays in the title."""

from datetime import date

import pytest

from webapp.models import Priority
from webapp.quick_add import parse_quick_add

WEDNESDAY = date(2030, 6, 12)


def test_the_example_from_the_box_reads_as_title_due_label_and_priority():
    parsed = parse_quick_add("Pay rent tomorrow #home !high", WEDNESDAY)
    assert (parsed.title, parsed.due_date, parsed.label_names, parsed.priority) == (
        "Pay rent",
        date(2030, 6, 13),
        ["home"],
        Priority.HIGH,
    )
    assert parsed.understood == ["due 2030-06-13 (tomorrow)", "label home", "priority High"]


@pytest.mark.parametrize(
    "words, due",
    [
        ("today", WEDNESDAY),
        ("Tomorrow", date(2030, 6, 13)),
        ("2030-12-24", date(2030, 12, 24)),
        ("friday", date(2030, 6, 14)),
        ("monday", date(2030, 6, 17)),
        ("wednesday", date(2030, 6, 19)),  # today is Wednesday: the next one
        ("in 3 days", date(2030, 6, 15)),
        ("in 1 day", date(2030, 6, 13)),
        ("in 2 weeks", date(2030, 6, 26)),
    ],
)
def test_due_dates_people_write(words, due):
    parsed = parse_quick_add(f"Call mum {words}", WEDNESDAY)
    assert (parsed.title, parsed.due_date) == ("Call mum", due)


@pytest.mark.parametrize(
    "line",
    [
        "Fix 2030-02-30 bug",  # no such day
        "Read about C#",  # a # inside a word
        "Say hi! to Ann",
        "Meet @nobody",  # no such list
        "Plan in many days",
    ],
)
def test_what_it_does_not_understand_stays_in_the_title(line):
    parsed = parse_quick_add(line, WEDNESDAY, ["Work"])
    assert (parsed.title, parsed.due_date, parsed.label_names, parsed.list_name) == (line, None, [], None)


@pytest.mark.parametrize(
    "line, priority", [("!low a", Priority.LOW), ("a !Medium", Priority.MEDIUM), ("a !urgent", Priority.URGENT)]
)
def test_priorities(line, priority):
    parsed = parse_quick_add(line, WEDNESDAY)
    assert (parsed.title, parsed.priority) == ("a", priority)


def test_several_labels_once_each_whatever_the_letter_case():
    assert parse_quick_add("a #home #Errands #HOME", WEDNESDAY).label_names == ["home", "Errands"]


@pytest.mark.parametrize(
    "line, expected_list, title",
    [
        ("Book flights @Summer trip #travel", "Summer trip", "Book flights"),
        ("Book flights @summer", "summer", "Book flights"),
        ("Email boss @work", "Work", "Email boss"),
        ("Email @worker", None, "Email @worker"),
    ],
)
def test_a_list_is_named_with_an_at_sign_even_when_its_name_has_spaces(line, expected_list, title):
    parsed = parse_quick_add(line, WEDNESDAY, ["Work", "Summer trip", "summer"])
    assert (parsed.list_name, parsed.title) == (expected_list, title)
