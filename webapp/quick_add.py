"""Quick add: one line such as "Pay rent tomorrow #home !high" read as a task's title, due date, labels,
priority and list.

A pure function of the text, the day it counts from and the names of the
person's lists, so every calendar rule is testable without a clock; words it
does not understand stay in the title. The words it reads are English; what it
understood is said in the page's language.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .i18n import _
from .models import Priority, name_key

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PRIORITY_WORDS = {f"!{priority.name.lower()}": priority for priority in Priority if priority is not Priority.NONE}
IN_N_UNITS = re.compile(r"in (\d{1,3}) (day|days|week|weeks)\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class QuickAdd:
    """What a quick-add line says; `understood` lists each part read, in words, for the person to check."""

    title: str
    due_date: date | None = None
    label_names: list[str] = field(default_factory=list)
    priority: Priority = Priority.NONE
    list_name: str | None = None
    understood: list[str] = field(default_factory=list)


def parse_quick_add(text: str, today: date, list_names: Sequence[str] = ()) -> QuickAdd:
    """Read the line: one due date, the last priority and the first of the person's lists named count; the
    rest is the title."""
    result = QuickAdd(title="")
    text = _take_list(text, list_names, result)
    text = _take_in_n_units(text, today, result)
    kept = [word for word in text.split() if not _took(word, today, result)]
    result.title = " ".join(kept)
    return result


def _took(word: str, today: date, result: QuickAdd) -> bool:
    """Whether the word said something the line's task takes (and so leaves the title)."""
    lowered = word.lower()
    if lowered in PRIORITY_WORDS:
        result.priority = PRIORITY_WORDS[lowered]
        result.understood.append(_("priority %(priority)s", priority=result.priority.label))
        return True
    if word.startswith("#") and len(word) > 1:
        if name_key(word[1:]) not in {name_key(name) for name in result.label_names}:
            result.label_names.append(word[1:])
            result.understood.append(_("label %(label)s", label=word[1:]))
        return True
    if result.due_date is None:
        due = _day(lowered, today)
        if due is not None:
            result.due_date = due
            result.understood.append(_("due %(date)s (%(words)s)", date=due.isoformat(), words=word))
            return True
    return False


def _day(word: str, today: date) -> date | None:
    """The day a single word names: an ISO date, today, tomorrow, or a weekday's next occurrence after today."""
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word in WEEKDAYS:
        ahead = (WEEKDAYS.index(word) - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    if ISO_DATE.fullmatch(word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            return None
    return None


def _take_in_n_units(text: str, today: date, result: QuickAdd) -> str:
    """ "in 3 days", "in 2 weeks": the first such phrase is the due date."""
    match = IN_N_UNITS.search(text)
    if match is None:
        return text
    count, unit = int(match.group(1)), match.group(2).lower()
    result.due_date = today + timedelta(days=count * (7 if unit.startswith("week") else 1))
    result.understood.append(_("due %(date)s (%(words)s)", date=result.due_date.isoformat(), words=match.group(0)))
    return text[: match.start()] + text[match.end() :]


def _take_list(text: str, list_names: Sequence[str], result: QuickAdd) -> str:
    """ "@Name": the longest of the person's list names that follows an @, in any letter case."""
    for match in re.finditer(r"(?:^|\s)@(\S)", text):
        start = match.start(1) - 1
        rest = text[start + 1 :]
        for name in sorted(list_names, key=len, reverse=True):
            candidate = rest[: len(name)]
            ends_a_word = len(rest) <= len(name) or rest[len(name)].isspace()
            if name_key(candidate) == name_key(name) and ends_a_word:
                result.list_name = name
                result.understood.append(_("list %(list)s", list=name))
                return text[:start] + text[start + 1 + len(name) :]
    return text
