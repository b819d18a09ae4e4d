"""The one data-access layer: plain functions over db.session, used by every front end.

Functions take plain values, never a request or a form, and raise the domain
errors of `errors` for the caller to map onto its own answer.
"""

from .errors import CrudError, EmailTaken, ForbiddenChange, NotFound, StaleEdit
from .items import create_item, delete_item, get_item, list_items, update_item
from .tasks import complete_task, create_task, delete_task, get_task, list_tasks, update_task
from .tokens import create_api_token, list_api_tokens, revoke_api_token, user_for_api_token
from .users import (
    authenticate,
    create_user,
    delete_user,
    get_user,
    get_user_by_email,
    list_users,
    task_counts,
    update_user,
)

__all__ = [
    "CrudError", "EmailTaken", "ForbiddenChange", "NotFound", "StaleEdit",
    "create_item", "delete_item", "get_item", "list_items", "update_item",
    "complete_task", "create_task", "delete_task", "get_task", "list_tasks", "update_task",
    "create_api_token", "list_api_tokens", "revoke_api_token", "user_for_api_token",
    "authenticate", "create_user", "delete_user", "get_user", "get_user_by_email",
    "list_users", "task_counts", "update_user",
]
