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


class NameTaken(CrudError):
    """The owner already has a list or label of this name, in any letter case."""

    field = "name"


class InboxRequired(CrudError):
    """The Inbox is where tasks go when nothing else is said, so it cannot be deleted."""


class UnknownColour(CrudError, ValueError):
    """A label colour that is not in the palette."""

    field = "colour"
