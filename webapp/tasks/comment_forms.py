from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from ..crud.comments import normalised
from ..forms import PageForm, form_token_field
from ..i18n import _l
from ..models import COMMENT_MAX


def plain_text(value: object) -> object:
    """Counted as crud.comments counts it: trimmed, a line break one character."""
    return normalised(value) if isinstance(value, str) else value


class CommentForm(PageForm):
    # The same messages as crud.comments gives other front ends.
    body = TextAreaField(
        _l("Comment"),
        filters=[plain_text],
        validators=[
            DataRequired(_l("Write something to comment.")),
            Length(max=COMMENT_MAX, message=_l("A comment holds at most 10,000 characters.")),
        ],
        description=_l("Plain text; web addresses become links. Mention a member of this list as @their-email."),
        render_kw={"rows": 3},
    )


class NewCommentForm(CommentForm):
    """The task page's form: single-use, so that a double click adds the comment once."""

    form_token = form_token_field()
