"""Domain errors raised by the CRUD layer; each front end maps them to its own answer.

An error about one value names it in `field`, the name of the CRUD function's parameter (and of the
form field and JSON property that carry it), so that pages and API put the message in the same place.
"""

from typing import Any


def N_(message: str) -> str:
    """Marks a message for translation: pages show it in the person's language (webapp.i18n.message_of),
    the API as it is, in English."""
    return message


class CrudError(Exception):
    """Base class of every error the CRUD layer raises on purpose."""

    #: What the API calls this kind of error in a field error's "type".
    kind = "invalid"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFound(CrudError):
    """The object does not exist, or does not belong to the one asking."""


class EmailTaken(CrudError):
    """Another account already uses this email, in any letter case."""

    kind = "email_taken"

    def __init__(self, message: str = N_("Email already registered"), field: str = "email"):
        super().__init__(message, field)


class StaleEdit(CrudError):
    """The edit was based on an older version than the one stored."""

    def __init__(self, current: Any):
        super().__init__(N_("This was changed elsewhere since you opened it."))
        self.current = current


class ForbiddenChange(CrudError):
    """A change that would lock people out, such as an admin removing their own rights."""

    kind = "forbidden_change"


class WrongPassword(CrudError):
    """The password given to confirm an account change is not the account's password."""

    kind = "wrong_password"


class InvalidFilter(CrudError, ValueError):
    """A list was asked for with a filter or sort value that does not exist."""


class InvalidLink(CrudError):
    """A reset, confirmation or invitation link that is unknown, altered, used or expired."""


class RegistrationClosed(CrudError):
    """Nobody may register here now, or only with an invitation."""


class WrongInvitee(CrudError):
    """The invitation is bound to another email address."""


class WrongCode(CrudError):
    """A two-factor code or recovery code that is not (or no longer) valid."""


class AlreadySubmitted(CrudError):
    """This create form was used before; `created_id` is what its first submission created."""

    def __init__(self, created_id: int):
        super().__init__(N_("This form was already submitted."))
        self.created_id = created_id


class NameTaken(CrudError):
    """The owner already has a list or label of this name, in any letter case."""

    kind = "name_taken"

    def __init__(self, message: str = N_("You already have one of that name."), field: str = "name"):
        super().__init__(message, field)


class InboxRequired(CrudError):
    """The Inbox is where tasks go when nothing else is said, so it cannot be deleted."""

    kind = "inbox_required"


class UnknownColour(CrudError, ValueError):
    """A label colour that is not in the palette."""

    kind = "unknown_colour"

    def __init__(self, message: str, field: str = "colour"):
        super().__init__(message, field)


class UnknownTimeZone(CrudError, ValueError):
    """A time zone name that is not in the IANA database this system has."""

    kind = "unknown_time_zone"

    def __init__(self, field: str = "time_zone"):
        super().__init__(N_("This is not a time zone we know. Pick one from the list, e.g. Europe/Berlin."), field)


class InvalidReminder(CrudError, ValueError):
    """A reminder that cannot go off: in the past, relative to a due date the task lacks, or one too many."""

    kind = "invalid_reminder"


class ReadOnly(CrudError):
    """The person may see this list or task but not change it (a Viewer): 403, never a silent no-op."""

    kind = "read_only"

    def __init__(self, message: str = N_("You may only view this list; an owner can make you an editor.")):
        super().__init__(message)


class NoAccount(CrudError):
    """A list is shared by the email of an existing account, and no account has this one."""

    kind = "no_account"

    def __init__(self) -> None:
        super().__init__(
            N_("No account uses this email: they need to register before you can share a list with them."), "email"
        )


class InvalidRecurrence(CrudError, ValueError):
    """A repeat rule that cannot be stored: malformed, never repeating, or without a due date to count from.

    `part` names the piece of the rule at fault (interval, weekdays, month_day, nth, count, until), so a
    form made of plain fields can show the message beside the one that holds it.
    """

    kind = "invalid_recurrence"

    def __init__(self, message: str, field: str = "recurrence", part: str | None = None):
        super().__init__(message, field)
        self.part = part


class NotAMember(CrudError, ValueError):
    """Someone named who is not a member of the list, such as an assignee of one of its tasks."""

    kind = "not_a_member"

    def __init__(self, field: str = "assignees"):
        super().__init__(N_("Only members of the task's list can be assigned to it."), field)


class InvalidComment(CrudError, ValueError):
    """A comment with nothing in it once trimmed, or longer than a comment may be."""

    kind = "invalid_comment"

    def __init__(self, message: str, field: str = "body"):
        super().__init__(message, field)
