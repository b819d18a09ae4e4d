"""The one data-access layer: plain functions over db.session, used by every front end.

Functions take plain values, never a request or a form, and raise the domain
errors of `errors` for the caller to map onto its own answer.
"""

from .accounts import change_email, change_password, end_sessions
from .common import DEFAULT_PER_PAGE, MAX_PER_PAGE, Page
from .errors import (
    AlreadySubmitted,
    CrudError,
    EmailTaken,
    ForbiddenChange,
    InvalidFilter,
    NotFound,
    StaleEdit,
    WrongPassword,
)
from .items import create_item, delete_item, get_item, list_items, update_item
from .task_query import Due, TaskFilter
from .tasks import (
    TaskCounts,
    complete_task,
    count_tasks,
    create_task,
    delete_forever,
    delete_task,
    export_tasks,
    get_task,
    import_tasks,
    list_tasks,
    list_trash,
    purge_trash,
    restore_tasks,
    set_status_of_tasks,
    trash_tasks,
    update_task,
)
from .tokens import create_api_token, list_api_tokens, revoke_api_token, user_for_api_token
from .users import (
    USERS_PER_PAGE,
    authenticate,
    create_user,
    delete_user,
    get_user,
    get_user_by_email,
    item_titles_by_owner,
    list_users,
    update_user,
)

__all__ = [
    "DEFAULT_PER_PAGE",
    "MAX_PER_PAGE",
    "USERS_PER_PAGE",
    "AlreadySubmitted",
    "CrudError",
    "Due",
    "EmailTaken",
    "ForbiddenChange",
    "InvalidFilter",
    "NotFound",
    "Page",
    "StaleEdit",
    "TaskCounts",
    "TaskFilter",
    "WrongPassword",
    "authenticate",
    "change_email",
    "change_password",
    "complete_task",
    "count_tasks",
    "create_api_token",
    "create_item",
    "create_task",
    "create_user",
    "delete_forever",
    "delete_item",
    "delete_task",
    "delete_user",
    "end_sessions",
    "export_tasks",
    "get_item",
    "get_task",
    "get_user",
    "get_user_by_email",
    "import_tasks",
    "item_titles_by_owner",
    "list_api_tokens",
    "list_items",
    "list_tasks",
    "list_trash",
    "list_users",
    "purge_trash",
    "restore_tasks",
    "revoke_api_token",
    "set_status_of_tasks",
    "trash_tasks",
    "update_item",
    "update_task",
    "update_user",
    "user_for_api_token",
]
