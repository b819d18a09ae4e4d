"""Labels: tags people put on their tasks, several per task, each in a colour of the palette."""

from collections.abc import Iterable, Sequence
from functools import cache

from sqlalchemy import Select, bindparam, delete, exists, insert, literal, select

from ..extensions import db
from ..models import LABEL_COLOURS, EventKind, Label, Task, User, name_key, task_labels
from .access import EDIT, tasks_of_lists_where
from .common import get_owned, give_tasks, is_storable_id
from .errors import NotFound, UnknownColour
from .history import record_each
from .task_lists import commit_unique_name

DEFAULT_COLOUR = LABEL_COLOURS[0]


def list_labels(owner: User) -> list[Label]:
    """The owner's labels by name."""
    return list(db.session.scalars(select(Label).where(Label.owner_id == owner.id).order_by(Label.name_key)))


def get_label(owner: User, label_id: int) -> Label:
    label: Label = get_owned(Label, owner.id, label_id)
    return label


def create_label(owner: User, name: str, colour: str = DEFAULT_COLOUR) -> Label:
    label = Label(owner_id=owner.id, name=name.strip(), name_key=name_key(name), colour=_checked(colour))
    db.session.add(label)
    commit_unique_name()
    return label


def update_label(owner: User, label_id: int, name: str, colour: str) -> Label:
    label = get_label(owner, label_id)
    label.name, label.name_key, label.colour = name.strip(), name_key(name), _checked(colour)
    commit_unique_name()
    return label


def delete_label(owner: User, label_id: int) -> Label:
    """Delete the label; its tasks stay, without it."""
    label = get_label(owner, label_id)
    db.session.delete(label)
    db.session.commit()
    return label


def owned_labels(owner: User, label_ids: Iterable[int]) -> list[Label]:
    """The owner's labels with these ids; NotFound if any is not theirs."""
    wanted = set(label_ids)
    if not wanted:
        return []
    if not all(is_storable_id(label_id) for label_id in wanted):
        raise NotFound("Label not found")
    labels = list(
        db.session.scalars(
            select(Label).where(Label.owner_id == owner.id, Label.id.in_(wanted)).order_by(Label.name_key)
        )
    )
    if len(labels) != len(wanted):
        raise NotFound("Label not found")
    return labels


def labels_named(owner: User, names: Iterable[str]) -> tuple[list[Label], list[str]]:
    """The owner's labels of these names, any missing ones added to the session (not committed).

    Returns the labels and the names of those that are new.
    """
    wanted = {name_key(name): name.strip() for name in names if name.strip()}
    if not wanted:
        return [], []
    found = {
        label.name_key: label
        for label in db.session.scalars(select(Label).where(Label.owner_id == owner.id, Label.name_key.in_(wanted)))
    }
    created = []
    for key, name in wanted.items():
        if key not in found:
            found[key] = Label(owner_id=owner.id, name=name, name_key=key, colour=DEFAULT_COLOUR)
            db.session.add(found[key])
            created.append(name)
    return sorted(found.values(), key=lambda label: label.name_key), created


def ensure_labels(owner: User, names: Iterable[str]) -> tuple[list[Label], list[str]]:
    """The owner's labels of these names, creating the missing ones; returns them and the names created."""
    labels, created = labels_named(owner, names)
    if created:
        commit_unique_name()
    return labels, created


def load_labels(tasks: Sequence[Task]) -> None:
    """Give each of these tasks its labels, in one statement for all of them."""
    give_tasks(tasks, "labels", _labels_of_tasks())


@cache
def _labels_of_tasks() -> Select[int, Label]:
    return (
        select(task_labels.c.task_id, Label)
        .join(Label, Label.id == task_labels.c.label_id)
        .where(task_labels.c.task_id.in_(bindparam("task_ids", expanding=True)))
        .order_by(Label.name_key)
    )


def add_label_to_tasks(owner: User, task_ids: Iterable[int], label_id: int) -> int:
    """Put the owner's label on the live tasks among `task_ids` they may change and that lack it, in one statement."""
    label = get_label(owner, label_id)
    lacking = select(Task.id, literal(label.id)).where(
        *tasks_of_lists_where(owner, EDIT),
        Task.id.in_(set(task_ids)),
        Task.deleted_at.is_(None),
        ~exists().where(task_labels.c.task_id == Task.id, task_labels.c.label_id == label.id),
    )
    # The ids it labelled, rather than a rowcount, which psycopg does not give for INSERT ... SELECT.
    labelled = db.session.scalars(
        insert(task_labels).from_select(["task_id", "label_id"], lacking).returning(task_labels.c.task_id)
    ).all()
    record_each(labelled, owner, EventKind.LABELLED, new=label.name)
    db.session.commit()
    return len(labelled)


def remove_label_from_tasks(owner: User, task_ids: Iterable[int], label_id: int) -> int:
    """Take the owner's label off the live tasks among `task_ids` they may change that have it: which those are,
    their events, and the one DELETE."""
    label = get_label(owner, label_id)
    labelled = db.session.scalars(
        select(Task.id)
        .join(task_labels, (task_labels.c.task_id == Task.id) & (task_labels.c.label_id == label.id))
        .where(*tasks_of_lists_where(owner, EDIT), Task.id.in_(set(task_ids)), Task.deleted_at.is_(None))
        .with_for_update(of=Task)
    ).all()
    if labelled:
        record_each(labelled, owner, EventKind.UNLABELLED, old=label.name)
        db.session.execute(
            delete(task_labels).where(task_labels.c.label_id == label.id, task_labels.c.task_id.in_(labelled))
        )
    db.session.commit()
    return len(labelled)


def _checked(colour: str) -> str:
    if colour not in LABEL_COLOURS:
        raise UnknownColour(f"Unknown colour {colour!r}; use one of {', '.join(LABEL_COLOURS)}.")
    return colour
