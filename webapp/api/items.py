"""/api/v1/items: the token owner's items."""

from flask import url_for

from .. import crud
from .auth import api_user
from .blueprint import bp
from .schemas import FieldErrors, Item, ItemCreate, ItemPage, ItemQuery, ItemUpdate, Message
from .spec import ApiAnswer, responses, spec


@bp.get("/items/")
@spec.validate(query=ItemQuery, resp=responses(HTTP_200=ItemPage), tags=["items"])
def list_items(query: ItemQuery) -> ApiAnswer:
    """Your items, sorted like the item list page (newest first), with the total count."""
    result = crud.list_items(api_user(), q=query.q, sort=query.sort, **query.crud_args())
    return ItemPage(items=[Item.model_validate(i) for i in result.items], total=result.total)


@bp.post("/items/")
@spec.validate(json=ItemCreate, resp=responses(HTTP_201=Item, HTTP_400=FieldErrors), tags=["items"])
def create_item(json: ItemCreate) -> ApiAnswer:
    """Create an item; the answer is the item, with its address in Location."""
    item = crud.create_item(api_user(), json.title, json.description)
    return Item.model_validate(item), 201, {"Location": url_for("api.get_item", item_id=item.id)}


@bp.get("/items/<int:item_id>")
@spec.validate(resp=responses(HTTP_200=Item, HTTP_404=Message), tags=["items"])
def get_item(item_id: int) -> ApiAnswer:
    """One of your items."""
    return Item.model_validate(crud.get_item(api_user(), item_id))


@bp.patch("/items/<int:item_id>")
@spec.validate(json=ItemUpdate, resp=responses(HTTP_200=Item, HTTP_400=FieldErrors, HTTP_404=Message), tags=["items"])
def update_item(item_id: int, json: ItemUpdate) -> ApiAnswer:
    """Change the fields sent; the others keep their values."""
    item = crud.get_item(api_user(), item_id)
    return Item.model_validate(crud.update_item(item, json.model_dump(exclude_unset=True)))


@bp.delete("/items/<int:item_id>")
@spec.validate(resp=responses("HTTP_204", HTTP_404=Message), tags=["items"])
def delete_item(item_id: int) -> ApiAnswer:
    """Delete one of your items."""
    crud.delete_item(api_user(), item_id)
    return "", 204
