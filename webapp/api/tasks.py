"""/api/v1/tasks: the same rules as the task pages, because the same CRUD functions apply them."""

import re

from flask import abort, url_for

from .. import crud, models
from .auth import api_user
from .blueprint import bp
from .errors import json_error
from .schemas import (
    FieldErrors,
    Message,
    Paging,
    StaleTask,
    Task,
    TaskCreate,
    TaskEvent,
    TaskEventPage,
    TaskPage,
    TaskQuery,
    TaskUpdate,
    TaskUpdateHeaders,
)
from .spec import ApiAnswer, responses, spec

ENTITY_TAG = re.compile(r'(W/)?"([^"]*)"')
VERSION = re.compile(r"[0-9]{1,10}")


def task_json(task: models.Task) -> Task:
    """The task with the reader's own reminders, and its assignees."""
    crud.load_reminders([task], api_user())
    crud.load_assignees([task])
    return Task.model_validate(task)


def task_answer(task: models.Task, status: int = 200, **headers: str) -> tuple[Task, int, dict[str, str]]:
    """The task as JSON, with its version as the ETag to send back in If-Match."""
    return task_json(task), status, {"ETag": f'"{task.version}"', **headers}


@bp.get("/tasks/")
@spec.validate(query=TaskQuery, resp=responses(HTTP_200=TaskPage, HTTP_404=Message), tags=["tasks"])
def list_tasks(query: TaskQuery) -> ApiAnswer:
    """The tasks of the lists you are a member of, filtered and sorted like the task list page (newest first),
    with the total count."""
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
        assignee=query.assignee,
        **query.crud_args(),
    )
    crud.load_reminders(result.items, owner)
    return TaskPage(items=[Task.model_validate(t) for t in result.items], total=result.total)


@bp.post("/tasks/")
@spec.validate(
    json=TaskCreate,
    resp=responses(HTTP_201=Task, HTTP_400=FieldErrors, HTTP_403=Message, HTTP_404=Message),
    tags=["tasks"],
)
def create_task(json: TaskCreate) -> ApiAnswer:
    """Create a task; the answer is the task, with its address in Location and its version as ETag.

    A `list_id` you cannot see or `label_ids` that are not yours are a 404, a list you may only view a 403,
    and nothing is created."""
    owner = api_user()
    task = crud.create_task(owner, **json.model_dump())
    return task_answer(crud.get_task(owner, task.id), 201, Location=url_for("api.get_task", task_id=task.id))


@bp.get("/tasks/<int:task_id>")
@spec.validate(resp=responses(HTTP_200=Task, HTTP_404=Message), tags=["tasks"])
def get_task(task_id: int) -> ApiAnswer:
    """A task of a list you are a member of; the ETag header carries its version, for If-Match."""
    return task_answer(crud.get_task(api_user(), task_id))


@bp.get("/tasks/<int:task_id>/history")
@spec.validate(query=Paging, resp=responses(HTTP_200=TaskEventPage, HTTP_404=Message), tags=["tasks"])
def task_history(task_id: int, query: Paging) -> ApiAnswer:
    """The history of a task of a list you are a member of: who changed what and when, newest first, with the
    total count. It is read-only: crud writes it with every change."""
    result = crud.task_history(api_user(), task_id, **query.crud_args())
    return TaskEventPage(items=[TaskEvent.model_validate(event) for event in result.items], total=result.total)


@bp.patch("/tasks/<int:task_id>")
@spec.validate(
    json=TaskUpdate,
    headers=TaskUpdateHeaders,
    resp=responses(
        HTTP_200=Task,
        HTTP_400=FieldErrors,
        HTTP_403=Message,
        HTTP_404=Message,
        HTTP_409=StaleTask,
        HTTP_412=Message,
        HTTP_428=Message,
    ),
    tags=["tasks"],
)
def update_task(task_id: int, json: TaskUpdate, headers: TaskUpdateHeaders) -> ApiAnswer:
    """Change the fields sent; the others keep their values.

    Send the `version` you read, in the body or as `If-Match: "<version>"` (the ETag of GET).
    If the task changed since, the answer is 409 with the stored task; without a version, 428.
    `If-Match: *` changes the task whatever its version; an If-Match naming none of this task's
    ETags (a weak one, say) is 412.
    """
    owner = api_user()
    task = crud.get_task(owner, task_id, models.ListRole.EDITOR)
    version = json.version if json.version is not None else if_match_version(headers.if_match, task.version)
    try:
        changes = json.model_dump(exclude_unset=True, exclude={"version", "scope"})
        task = crud.update_task(owner, task, changes, version, scope=json.scope)
    except crud.StaleEdit as stale:
        return StaleTask(
            detail=f"The task changed since version {version}; it is now at version "
            f"{stale.current.version}. Apply your change to the current task and send it again.",
            current=task_json(stale.current),
        ), 409
    return task_answer(crud.get_task(owner, task.id))


@bp.delete("/tasks/<int:task_id>")
@spec.validate(resp=responses("HTTP_204", HTTP_403=Message, HTTP_404=Message), tags=["tasks"])
def delete_task(task_id: int) -> ApiAnswer:
    """Move a task to the trash (Editors and Owners of its list; Viewers get 403)."""
    crud.delete_task(api_user(), task_id)
    return "", 204


def if_match_version(if_match: str | None, current: int) -> int:
    """The version an If-Match header (its syntax checked by the schema) bases the change on.

    RFC 9110: `*` matches whatever is stored, and only strong ETags are compared, so a weak one never
    matches. A strong ETag of an older version is a stale edit (409, with the stored task); one
    that names no version at all is 412. No header and no version in the body is 428.
    """
    if if_match is None:
        abort(json_error(428, 'Send the version you are changing: "version" in the body or an If-Match header.'))
    if if_match == "*":
        return current
    strong = (
        [if_match] if VERSION.fullmatch(if_match) else [tag for weak, tag in ENTITY_TAG.findall(if_match) if not weak]
    )
    versions = [int(tag) for tag in strong if VERSION.fullmatch(tag)]
    if current in versions:
        return current
    if not versions:
        abort(
            json_error(
                412,
                f'If-Match names no version of this task; its ETag is "{current}" (a weak W/ ETag '
                "never matches: send the ETag exactly as GET gave it).",
            )
        )
    return min(versions)
