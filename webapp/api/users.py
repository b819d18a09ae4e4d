"""/api/v1/users: your own account for everyone; managing accounts for admins only."""

from flask import url_for

from .. import crud
from .auth import admin_only, api_user
from .blueprint import bp
from .errors import field_error, json_error
from .schemas import FieldErrors, Message, Paging, User, UserCreate, UserPage, UserUpdate
from .spec import responses, spec

USERS_PER_PAGE = 20


@bp.get("/users/me")
@spec.validate(resp=responses(HTTP_200=User), tags=["users"])
def me():
    """The account the token belongs to."""
    return User.model_validate(api_user())


@bp.get("/users/")
@admin_only
@spec.validate(query=Paging, resp=responses(HTTP_200=UserPage, HTTP_403=Message), tags=["users"])
def list_users(query: Paging):
    """Every account, newest first, with the total count (admins only)."""
    result = crud.list_users(with_items=True, **query.crud_args(USERS_PER_PAGE))
    return UserPage(items=[User.model_validate(u) for u in result.items], total=result.total)


@bp.post("/users/")
@admin_only
@spec.validate(json=UserCreate, resp=responses(HTTP_201=User, HTTP_400=FieldErrors, HTTP_403=Message), tags=["users"])
def create_user(json: UserCreate):
    """Create an account (admins only); a taken email, in any letter case, is a 400."""
    try:
        user = crud.create_user(json.email, json.password, is_admin=json.is_admin)
    except crud.EmailTaken as error:
        return field_error(400, "email", str(error), "email_taken")
    return User.model_validate(user), 201, {"Location": url_for("api.get_user", user_id=user.id)}


@bp.get("/users/<int:user_id>")
@admin_only
@spec.validate(resp=responses(HTTP_200=User, HTTP_403=Message, HTTP_404=Message), tags=["users"])
def get_user(user_id: int):
    """One account with its items (admins only)."""
    return User.model_validate(crud.get_user(user_id))


@bp.patch("/users/<int:user_id>")
@admin_only
@spec.validate(
    json=UserUpdate,
    resp=responses(HTTP_200=User, HTTP_400=FieldErrors, HTTP_403=Message, HTTP_404=Message),
    tags=["users"],
)
def update_user(user_id: int, json: UserUpdate):
    """Change the fields sent (admins only).

    Admins cannot deactivate themselves or drop their own admin rights.
    """
    user = crud.get_user(user_id)
    fields = {"email": user.email, "is_active": user.is_active, "is_admin": user.is_admin}
    fields.update(json.model_dump(exclude_unset=True))
    try:
        user = crud.update_user(user_id, api_user(), **fields)
    except crud.EmailTaken as error:
        return field_error(400, "email", str(error), "email_taken")
    except crud.ForbiddenChange as error:
        return field_error(400, "is_active" if not fields["is_active"] else "is_admin", str(error), "forbidden_change")
    return User.model_validate(user)


@bp.delete("/users/<int:user_id>")
@admin_only
@spec.validate(resp=responses("HTTP_204", HTTP_400=Message, HTTP_403=Message, HTTP_404=Message), tags=["users"])
def delete_user(user_id: int):
    """Delete an account and everything it owns (admins only); not your own."""
    try:
        crud.delete_user(user_id, api_user())
    except crud.ForbiddenChange as error:
        return json_error(400, str(error))
    return "", 204
