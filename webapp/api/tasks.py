"""/api/v1/tasks: the same rules as the task pages, because the same CRUD functions apply them."""

from flask import abort, url_for

from .. import crud, models
from .auth import api_user
from .blueprint import bp
from .errors import json_error
from .schemas import (
    FieldErrors,
    Message,
    StaleTask,
    Task,
    TaskCreate,
    TaskPage,
    TaskQuery,
    TaskUpdate,
    TaskUpdateHeaders,
)
from .spec import ApiAnswer, responses, spec


def task_answer(task: models.Task, status: int = 200, **headers: str) -> tuple[Task, int, dict[str, str]]:
    """The task as JSON, with its version as the ETag to send back in If-Match."""
    return Task.model_validate(task), status, {"ETag": f'"{task.version}"', **headers}


@bp.get("/tasks/")
@spec.validate(query=TaskQuery, resp=responses(HTTP_200=TaskPage, HTTP_404=Message), tags=["tasks"])
def list_tasks(query: TaskQuery) -> ApiAnswer:
    """Your tasks, filtered and sorted like the task list page (newest first), with the total count."""
    owner = api_user()
    if query.list_id is not None:
        crud.get_list(owner, query.list_id)  # someone else's list is a 404, as on the pages
    result = crud.list_tasks(
        owner,
        status=query.status,
        due=query.due,
        q=query.q,
        sort=query.sort,
        list_id=query.list_id,
        label=query.label,
        priority=query.priority,
        **query.crud_args(),
    )
    return TaskPage(items=[Task.model_validate(t) for t in result.items], total=result.total)


@bp.post("/tasks/")
@spec.validate(json=TaskCreate, resp=responses(HTTP_201=Task, HTTP_400=FieldErrors, HTTP_404=Message), tags=["tasks"])
def create_task(json: TaskCreate) -> ApiAnswer:
    """Create a task; the answer is the task, with its address in Location and its version as ETag.

    A `list_id` or `label_ids` that is not yours is a 404, and nothing is created."""
    owner = api_user()
    task = crud.create_task(owner, **json.model_dump())
    return task_answer(crud.get_task(owner, task.id), 201, Location=url_for("api.get_task", task_id=task.id))


@bp.get("/tasks/<int:task_id>")
@spec.validate(resp=responses(HTTP_200=Task, HTTP_404=Message), tags=["tasks"])
def get_task(task_id: int) -> ApiAnswer:
    """One of your tasks; the ETag header carries its version, for If-Match."""
    return task_answer(crud.get_task(api_user(), task_id))


@bp.patch("/tasks/<int:task_id>")
@spec.validate(
    json=TaskUpdate,
    headers=TaskUpdateHeaders,
    resp=responses(HTTP_200=Task, HTTP_400=FieldErrors, HTTP_404=Message, HTTP_409=StaleTask, HTTP_428=Message),
    tags=["tasks"],
)
def update_task(task_id: int, json: TaskUpdate, headers: TaskUpdateHeaders) -> ApiAnswer:
    """Change the fields sent; the others keep their values.

    Send the `version` you read, in the body or as `If-Match: "<version>"` (the ETag of GET).
    If the task changed since, the answer is 409 with the stored task; without a version, 428.
    """
    owner = api_user()
    task = crud.get_task(owner, task_id)
    version = json.version if json.version is not None else if_match_version(headers.if_match)
    try:
        task = crud.update_task(task, json.model_dump(exclude_unset=True, exclude={"version"}), version)
    except crud.StaleEdit as stale:
        return StaleTask(
            detail=f"The task changed since version {version}; it is now at version "
            f"{stale.current.version}. Apply your change to the current task and send it again.",
            current=Task.model_validate(stale.current),
        ), 409
    return task_answer(crud.get_task(owner, task.id))


@bp.delete("/tasks/<int:task_id>")
@spec.validate(resp=responses("HTTP_204", HTTP_404=Message), tags=["tasks"])
def delete_task(task_id: int) -> ApiAnswer:
    """Delete one of your tasks."""
    crud.delete_task(api_user(), task_id)
    return "", 204


def if_match_version(if_match: str | None) -> int:
    """The version in the If-Match header (its form is checked by the schema); 428 when there is none."""
    if if_match is None:
        abort(json_error(428, 'Send the version you are changing: "version" in the body or an If-Match header.'))
    return int(if_match.strip('"'))
