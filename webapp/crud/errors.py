"""Domain errors raised by the CRUD layer; each front end maps them to its own answer."""


class CrudError(Exception):
    """Base class of every error the CRUD layer raises on purpose."""


class NotFound(CrudError):
    """The object does not exist, or does not belong to the one asking."""


class EmailTaken(CrudError):
    """Another account already uses this email, in any letter case."""


class StaleEdit(CrudError):
    """The edit was based on an older version than the one stored."""

    def __init__(self, current):
        super().__init__("This was changed elsewhere since you opened it.")
        self.current = current


class ForbiddenChange(CrudError):
    """A change that would lock people out, such as an admin removing their own rights."""


class WrongPassword(CrudError):
    """The password given to confirm an account change is not the account's password."""


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
