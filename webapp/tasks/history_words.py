"""A task's history said in words, in the reader's language: "ann@example.com moved the task from Inbox to Home".

Each event is one whole translatable sentence with the actor in it, so a language can order it as it
needs; stored values are put in the reader's words too (a status or priority by its label, a date as
the page writes dates).
"""

from datetime import date

from ..crud.errors import N_
from ..formatting import show_date
from ..i18n import _
from ..models import EventKind, Priority, TaskEvent, TaskStatus


def describe_event(event: TaskEvent) -> str:
    """What the event's actor did, as one sentence."""
    who = event.actor.email if event.actor else _("a deleted account")
    old, new = _shown(event.field, event.old_value), _shown(event.field, event.new_value)
    if event.kind is EventKind.CHANGED:
        sentence = CHANGES.get(event.field or "", N_("%(who)s changed the task"))
    else:
        sentence = SENTENCES[event.kind]
    return _(sentence, who=who, old=old, new=new)


# Every kind but a field's change, which CHANGES says field by field. %(old)s and %(new)s are the values
# before and after: the label added or removed, the person assigned or unassigned.
SENTENCES = {
    EventKind.CREATED: N_("%(who)s created the task"),
    EventKind.COMPLETED: N_("%(who)s completed the task"),
    EventKind.REOPENED: N_("%(who)s reopened the task as %(new)s"),
    EventKind.MOVED: N_("%(who)s moved the task from %(old)s to %(new)s"),
    EventKind.LABELLED: N_("%(who)s added the label %(new)s"),
    EventKind.UNLABELLED: N_("%(who)s removed the label %(old)s"),
    EventKind.DELETED: N_("%(who)s moved the task to the trash"),
    EventKind.RESTORED: N_("%(who)s restored the task from the trash"),
    EventKind.ASSIGNED: N_("%(who)s assigned the task to %(new)s"),
    EventKind.UNASSIGNED: N_("%(who)s unassigned %(old)s"),
}
CHANGES = {
    "title": N_("%(who)s changed the title from “%(old)s” to “%(new)s”"),
    "description": N_("%(who)s changed the description"),
    "status": N_("%(who)s changed the status from %(old)s to %(new)s"),
    "priority": N_("%(who)s changed the priority from %(old)s to %(new)s"),
    "due_date": N_("%(who)s changed the due date from %(old)s to %(new)s"),
    "labels": N_("%(who)s changed the labels from %(old)s to %(new)s"),
    "recurrence": N_("%(who)s changed how the task repeats"),
    "repeat_from_completion": N_("%(who)s changed how the task repeats"),
}


def _shown(field: str | None, value: str | None) -> str:
    """A stored value in the reader's words; an empty one is "none"."""
    if value is None:
        return _("none")
    if field == "status":
        return str(TaskStatus(value).label)
    if field == "priority":
        return str(Priority(int(value)).label)
    if field == "due_date":
        return show_date(date.fromisoformat(value))
    return value
