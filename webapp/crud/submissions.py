"""Single-use create forms: a form's one-time token is claimed in the transaction that creates."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..database import commit_keeping_loaded
from ..extensions import db
from ..models import Comment, FormSubmission, Item, Task, User
from .errors import AlreadySubmitted


def commit_created(owner: User, created: Task | Item | Comment, form_token: str | None) -> None:
    """Commit the creation of `created`, claiming `form_token` in the same transaction.

    A token that was claimed before (the same form posted again, or twice at once) raises
    AlreadySubmitted naming what the first post created, and nothing new is stored: the unique
    (owner_id, token) key decides, so two simultaneous posts cannot both win. No token (the API,
    imports, scripts posting forms) creates without the check.
    """
    if form_token is None:
        commit_keeping_loaded()
        return
    db.session.flush()  # the new row's id
    db.session.add(
        FormSubmission(owner_id=owner.id, token=form_token, created_kind=created.__tablename__, created_id=created.id)
    )
    try:
        commit_keeping_loaded()
    except IntegrityError:
        db.session.rollback()
        first = db.session.scalar(
            select(FormSubmission).where(FormSubmission.owner_id == owner.id, FormSubmission.token == form_token)
        )
        if first is None:
            raise
        raise AlreadySubmitted(first.created_id) from None
