"""The one data-access layer: plain functions over db.session, used by every front end.

Functions take plain values, never a request or a form, and raise the domain
errors of `errors` for the caller to map onto its own answer.
"""

from .accounts import (
    change_password,
    confirm_email,
    email_to_confirm,
    end_sessions,
    password_reset_account,
    pending_email,
    request_email_change,
    request_email_verification,
    request_password_reset,
    reset_password,
)
from .common import Page
from .errors import (
    CrudError,
    EmailTaken,
    ForbiddenChange,
    InvalidFilter,
    InvalidLink,
    NotFound,
    RegistrationClosed,
    StaleEdit,
    WrongCode,
    WrongInvitee,
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
from .registration import (
    invitation_for,
    invite,
    open_invitations,
    register,
    registration_mode,
    revoke_invitation,
    set_registration_mode,
)
from .tokens import create_api_token, list_api_tokens, revoke_api_token, user_for_api_token
from .two_factor import (
    confirm_enrolment,
    disable_two_factor,
    provisioning_uri,
    regenerate_recovery_codes,
    reset_two_factor,
    start_enrolment,
    unused_recovery_codes,
    verify_second_factor,
)
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
    "change_password", "confirm_email", "email_to_confirm", "end_sessions", "password_reset_account",
    "pending_email", "request_email_change", "request_email_verification", "request_password_reset",
    "reset_password",
    "Page", "CrudError", "EmailTaken", "ForbiddenChange", "InvalidFilter", "InvalidLink", "NotFound",
    "RegistrationClosed", "StaleEdit", "WrongCode", "WrongInvitee", "WrongPassword",
    "invitation_for", "invite", "open_invitations", "register", "registration_mode", "revoke_invitation",
    "set_registration_mode",
    "confirm_enrolment", "disable_two_factor", "provisioning_uri", "regenerate_recovery_codes",
    "reset_two_factor", "start_enrolment", "unused_recovery_codes", "verify_second_factor",
    "create_item", "delete_item", "get_item", "list_items", "update_item",
    "Due", "TaskFilter", "TaskCounts",
    "complete_task", "count_tasks", "create_task", "delete_forever", "delete_task", "export_tasks",
    "get_task", "import_tasks", "list_tasks", "list_trash", "purge_trash", "restore_tasks",
    "set_status_of_tasks", "trash_tasks", "update_task",
    "create_api_token", "list_api_tokens", "revoke_api_token", "user_for_api_token",
    "authenticate", "create_user", "delete_user", "get_user", "get_user_by_email",
    "item_titles_by_owner", "list_users", "update_user",
]
