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


class AlreadySubmitted(CrudError):
    """This create form was used before; `created_id` is what its first submission created."""

    def __init__(self, created_id: int):
        super().__init__("This form was already submitted.")
        self.created_id = created_id
