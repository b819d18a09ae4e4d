"""/api/v1/lists: the lists the token's owner is a member of, with the same rules as the list pages."""

from flask import url_for

from .. import crud
from .auth import api_user
from .blueprint import bp
from .errors import field_error, json_error
from .schemas import FieldErrors, Message, TaskList, TaskLists, TaskListWrite
from .spec import ApiAnswer, responses, spec


@bp.get("/lists/")
@spec.validate(resp=responses(HTTP_200=TaskLists), tags=["lists"])
def list_lists() -> ApiAnswer:
    """All the lists you are a member of (yours and those shared with you), your Inbox first, then by name."""
    return TaskLists(items=[TaskList.model_validate(each) for each in crud.list_lists(api_user())])


@bp.post("/lists/")
@spec.validate(json=TaskListWrite, resp=responses(HTTP_201=TaskList, HTTP_400=FieldErrors), tags=["lists"])
def create_list(json: TaskListWrite) -> ApiAnswer:
    """Create a list; a name you use already, in any letter case, is a 400."""
    try:
        task_list = crud.create_list(api_user(), json.name)
    except crud.NameTaken as error:
        return field_error(400, "name", str(error), "name_taken")
    return TaskList.model_validate(task_list), 201, {"Location": url_for("api.get_list", list_id=task_list.id)}


@bp.get("/lists/<int:list_id>")
@spec.validate(resp=responses(HTTP_200=TaskList, HTTP_404=Message), tags=["lists"])
def get_list(list_id: int) -> ApiAnswer:
    """A list you are a member of; its tasks are at /tasks/?list=<id>."""
    return TaskList.model_validate(crud.get_list(api_user(), list_id))


@bp.patch("/lists/<int:list_id>")
@spec.validate(
    json=TaskListWrite,
    resp=responses(HTTP_200=TaskList, HTTP_400=FieldErrors, HTTP_403=Message, HTTP_404=Message),
    tags=["lists"],
)
def rename_list(list_id: int, json: TaskListWrite) -> ApiAnswer:
    """Rename a list you own (other members get 403)."""
    try:
        return TaskList.model_validate(crud.rename_list(api_user(), list_id, json.name))
    except crud.NameTaken as error:
        return field_error(400, "name", str(error), "name_taken")


@bp.delete("/lists/<int:list_id>")
@spec.validate(resp=responses("HTTP_204", HTTP_403=Message, HTTP_404=Message, HTTP_409=Message), tags=["lists"])
def delete_list(list_id: int) -> ApiAnswer:
    """Delete a list you own (other members get 403); its tasks go to the trash (restored, they come back in
    the Inbox of its owner). The Inbox cannot be deleted (409)."""
    try:
        crud.delete_list(api_user(), list_id)
    except crud.InboxRequired as error:
        return json_error(409, str(error))
    return "", 204
