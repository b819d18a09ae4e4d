"""/api/v1/users: your own account for everyone; managing accounts for admins only."""

from flask import url_for

from .. import crud
from .auth import admin_only, api_user
from .blueprint import bp
from .schemas import FieldErrors, Message, Paging, User, UserCreate, UserPage, UserUpdate
from .spec import ApiAnswer, responses, spec


@bp.get("/users/me")
@spec.validate(resp=responses(HTTP_200=User), tags=["users"])
def me() -> ApiAnswer:
    """The account the token belongs to."""
    return User.model_validate(api_user())


@bp.get("/users/")
@admin_only
@spec.validate(query=Paging, resp=responses(HTTP_200=UserPage, HTTP_403=Message), tags=["users"])
def list_users(query: Paging) -> ApiAnswer:
    """Every account, newest first, with the total count (admins only)."""
    result = crud.list_users(with_items=True, **query.crud_args())
    return UserPage(items=[User.model_validate(u) for u in result.items], total=result.total)


@bp.post("/users/")
@admin_only
@spec.validate(json=UserCreate, resp=responses(HTTP_201=User, HTTP_400=FieldErrors, HTTP_403=Message), tags=["users"])
def create_user(json: UserCreate) -> ApiAnswer:
    """Create an account (admins only); a taken email, in any letter case, is a 400."""
    user = crud.create_user(json.email, json.password, is_admin=json.is_admin)
    return User.model_validate(user), 201, {"Location": url_for("api.get_user", user_id=user.id)}


@bp.get("/users/<int:user_id>")
@admin_only
@spec.validate(resp=responses(HTTP_200=User, HTTP_403=Message, HTTP_404=Message), tags=["users"])
def get_user(user_id: int) -> ApiAnswer:
    """One account with its items (admins only)."""
    return User.model_validate(crud.get_user(user_id))


@bp.patch("/users/<int:user_id>")
@admin_only
@spec.validate(
    json=UserUpdate,
    resp=responses(HTTP_200=User, HTTP_400=FieldErrors, HTTP_403=Message, HTTP_404=Message),
    tags=["users"],
)
def update_user(user_id: int, json: UserUpdate) -> ApiAnswer:
    """Change the fields sent (admins only).

    Admins cannot deactivate themselves or drop their own admin rights.
    """
    user = crud.update_user(crud.get_user(user_id), api_user(), json.model_dump(exclude_unset=True))
    return User.model_validate(user)


@bp.delete("/users/<int:user_id>")
@admin_only
@spec.validate(resp=responses("HTTP_204", HTTP_400=Message, HTTP_403=Message, HTTP_404=Message), tags=["users"])
def delete_user(user_id: int) -> ApiAnswer:
    """Delete an account and everything it owns (admins only); not your own."""
    crud.delete_user(user_id, api_user())
    return "", 204
