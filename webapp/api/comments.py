"""/api/v1/tasks/<id>/comments: a task's comments, read-only (they are written on the task page)."""

from .. import crud
from .auth import api_user
from .blueprint import bp
from .schemas import Comment, CommentPage, Message, Paging
from .spec import ApiAnswer, responses, spec


@bp.get("/tasks/<int:task_id>/comments")
@spec.validate(query=Paging, resp=responses(HTTP_200=CommentPage, HTTP_404=Message), tags=["tasks"])
def list_comments(task_id: int, query: Paging) -> ApiAnswer:
    """The comments of a task of a list you are a member of, oldest first, with the total count."""
    result = crud.list_comments(api_user(), task_id, **query.crud_args())
    return CommentPage(items=[Comment.model_validate(each) for each in result.items], total=result.total)
