"""Comments on tasks: the members who may edit a task write them, in plain text (see access).

Authors may edit or delete their own comment for EDIT_WINDOW after writing it, so that a
conversation is not rewritten once others have read it. Mentioning `@email` of a member of the
task's list tells them (crud.notify); an address of anyone else is plain text, and tells nobody.
"""

import re
import sys
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import joinedload

from .. import clock
from ..extensions import db
from ..models import COMMENT_MAX, Comment, ListMember, Task, User
from .access import EDIT
from .common import DEFAULT_PER_PAGE, MAX_PER_PAGE, Page, is_storable_id, paginate
from .errors import N_, InvalidComment, NotFound, ReadOnly
from .notifications import notify
from .submissions import commit_created
from .tasks import get_task

EDIT_WINDOW = timedelta(minutes=15)
# "@" and an address, not inside a word (an address alone mentions nobody); what closes a sentence after it
# is not part of it.
MENTION = re.compile(r"(?<![\w@])@(\S+@\S+)")
AFTER_MENTION = ".,;:!?)]}>\"'"
# The task page shows a long discussion this many comments at a time, the newest first in view.
COMMENTS_PER_PAGE = MAX_PER_PAGE
EXCERPT_LENGTH = 200
NOT_YOURS = N_("You can only change your own comments.")
TOO_LATE = N_("A comment can be changed or deleted only in the first 15 minutes after it was written.")


def add_comment(author: User, task_id: int, body: str, form_token: str | None = None) -> Comment:
    """A comment by `author` on a task they may edit; the members it mentions are told."""
    task = get_task(author, task_id, EDIT)
    comment = Comment(task_id=task.id, author_id=author.id, body=checked_body(body), created_at=now_utc())
    db.session.add(comment)
    _notify_mentioned(author, task, comment.body, already=set())
    commit_created(author, comment, form_token)
    return comment


def edit_comment(author: User, task_id: int, comment_id: int, body: str) -> Comment:
    """Change the text of one's own comment while EDIT_WINDOW lasts; members newly mentioned are told."""
    task, comment = _changeable(author, task_id, comment_id)
    before = comment.body
    comment.body = checked_body(body)
    comment.edited_at = now_utc()
    _notify_mentioned(author, task, comment.body, already=mentioned_emails(before))
    db.session.commit()
    return comment


def comment_to_change(author: User, task_id: int, comment_id: int) -> Comment:
    """One's own comment on a task one may edit, while EDIT_WINDOW lasts: NotFound for a task one cannot see or
    a comment it does not have, ReadOnly with the reason otherwise."""
    return _changeable(author, task_id, comment_id)[1]


def delete_comment(author: User, task_id: int, comment_id: int) -> None:
    """Delete one's own comment while EDIT_WINDOW lasts."""
    _task, comment = _changeable(author, task_id, comment_id)
    db.session.delete(comment)
    db.session.commit()


def normalised(body: str) -> str:
    """The text without the spaces around it, each line break one character (browsers send two, CR LF)."""
    return body.replace("\r\n", "\n").strip()


def checked_body(body: str) -> str:
    """The comment's text, normalised: 1 to COMMENT_MAX characters."""
    body = normalised(body)
    if not body:
        raise InvalidComment(N_("Write something to comment."))
    if len(body) > COMMENT_MAX:
        raise InvalidComment(N_("A comment holds at most 10,000 characters."))
    return body


def comments_page(
    task: Task, page: int | None = None, per_page: int = COMMENTS_PER_PAGE, skip: int | None = None
) -> Page[Comment]:
    """One page of a task's comments, oldest first, each with its author read in the same statement; without
    a `page` the last one, where the newest are (paginate takes a page past the end as the last).

    The caller has checked that the person sees the task (get_task).
    """
    parameters = {"task_id": task.id}
    total = db.session.execute(_comment_count(), parameters).scalar_one()
    page = page if page is not None else sys.maxsize
    return paginate(_comments_of_task(), page, per_page, skip, total, parameters)


# Both built once, with a parameter: every task page runs them.
@cache
def _comments_of_task() -> Select[Comment]:
    return (
        select(Comment)
        .where(Comment.task_id == bindparam("task_id"))
        .options(joinedload(Comment.author))
        .order_by(Comment.id)
    )


@cache
def _comment_count() -> Select[int]:
    return select(func.count()).where(Comment.task_id == bindparam("task_id"))


def list_comments(
    user: User, task_id: int, page: int = 1, per_page: int = DEFAULT_PER_PAGE, skip: int | None = None
) -> Page[Comment]:
    """A page of the comments of a task the user sees, oldest first."""
    return comments_page(get_task(user, task_id), page, per_page, skip)


def may_change_comment(user: User, comment: Comment) -> bool:
    """Whether the user wrote the comment and EDIT_WINDOW still lasts (their role is checked apart)."""
    return _refusal(user, comment) is None


def mentioned_emails(body: str) -> set[str]:
    """The addresses the text mentions as `@email`, lower-cased as accounts store them."""
    return {mention.rstrip(AFTER_MENTION).lower() for mention in MENTION.findall(body)}


def now_utc() -> datetime:
    """Naive UTC, as the database keeps it; from the clock, which tests fix."""
    return clock.now().astimezone(UTC).replace(tzinfo=None)


def _refusal(user: User, comment: Comment) -> str | None:
    if comment.author_id != user.id:
        return NOT_YOURS
    if now_utc() - comment.created_at > EDIT_WINDOW:
        return TOO_LATE
    return None


def _changeable(author: User, task_id: int, comment_id: int) -> tuple[Task, Comment]:
    task = get_task(author, task_id, EDIT)
    comment = None
    if is_storable_id(comment_id):
        comment = db.session.scalar(select(Comment).where(Comment.id == comment_id, Comment.task_id == task.id))
    if comment is None:
        raise NotFound("Comment not found")
    refusal = _refusal(author, comment)
    if refusal is not None:
        raise ReadOnly(refusal)
    return task, comment


def _notify_mentioned(author: User, task: Task, body: str, already: set[str]) -> None:
    """Tell the members of the task's list whom `body` mentions, but not those in `already`, nor the author."""
    emails = mentioned_emails(body) - already - {author.email}
    if not emails:
        return
    members = db.session.scalars(
        select(User)
        .join(ListMember, ListMember.user_id == User.id)
        .where(ListMember.list_id == task.list_id, User.email.in_(emails), User.is_active)
        .order_by(User.id)
    )
    excerpt = body if len(body) <= EXCERPT_LENGTH else body[: EXCERPT_LENGTH - 1] + "…"
    for member in members:
        notify(member, "mention", task, f"{author.email} mentioned you on “{task.title}”: {excerpt}")
