"""The one data-access layer: plain functions over db.session, used by every front end.

Functions take plain values, never a request or a form, and raise the domain
errors of `errors` for the caller to map onto its own answer.
"""

from .accounts import change_email, change_password, end_sessions
from .board import COMPLETED_SHOWN, OPEN_SHOWN, board_columns
from .common import Page
from .errors import (
    CrudError, EmailTaken, ForbiddenChange, InboxRequired, InvalidFilter, NameTaken, NotFound, StaleEdit, UnknownColour,
    WrongPassword,
)
from .items import create_item, delete_item, get_item, list_items, update_item
from .labels import (
    add_label_to_tasks, create_label, delete_label, ensure_labels, get_label, labels_named, list_labels, load_labels,
    remove_label_from_tasks, update_label,
)
from .task_lists import (
    ListCounts, count_by_list, create_list, delete_list, get_inbox, get_list, list_lists, list_or_inbox, rename_list,
)
from .task_query import Due, TaskFilter
from .tasks import (
    ImportSummary,
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
    move_task,
    move_tasks_to_list,
    purge_trash,
    restore_tasks,
    set_priority_of_tasks,
    set_status_of_tasks,
    trash_tasks,
    update_task,
)
from .tokens import create_api_token, list_api_tokens, revoke_api_token, user_for_api_token
from .users import (
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
    "COMPLETED_SHOWN", "OPEN_SHOWN", "board_columns",
    "change_email", "change_password", "end_sessions",
    "Page", "CrudError", "EmailTaken", "ForbiddenChange", "InboxRequired", "InvalidFilter", "NameTaken", "NotFound",
    "StaleEdit", "UnknownColour", "WrongPassword",
    "add_label_to_tasks", "create_label", "delete_label", "ensure_labels", "get_label", "labels_named", "list_labels", "load_labels",
    "remove_label_from_tasks", "update_label",
    "ListCounts", "count_by_list", "create_list", "delete_list", "get_inbox", "get_list", "list_lists",
    "list_or_inbox", "rename_list", "ImportSummary", "move_task", "move_tasks_to_list", "set_priority_of_tasks",
    "create_item", "delete_item", "get_item", "list_items", "update_item",
    "Due", "TaskFilter", "TaskCounts",
    "complete_task", "count_tasks", "create_task", "delete_forever", "delete_task", "export_tasks",
    "get_task", "import_tasks", "list_tasks", "list_trash", "purge_trash", "restore_tasks",
    "set_status_of_tasks", "trash_tasks", "update_task",
    "create_api_token", "list_api_tokens", "revoke_api_token", "user_for_api_token",
    "authenticate", "create_user", "delete_user", "get_user", "get_user_by_email",
    "item_titles_by_owner", "list_users", "update_user",
]
