"""/api/v1/labels: the token owner's labels, with the same rules as the labels page."""

from flask import url_for

from .. import crud
from .auth import api_user
from .blueprint import bp
from .errors import field_error
from .schemas import FieldErrors, Label, LabelCreate, Labels, LabelUpdate, Message
from .spec import ApiAnswer, responses, spec


@bp.get("/labels/")
@spec.validate(resp=responses(HTTP_200=Labels), tags=["labels"])
def list_labels() -> ApiAnswer:
    """All your labels, by name."""
    return Labels(items=[Label.model_validate(label) for label in crud.list_labels(api_user())])


@bp.post("/labels/")
@spec.validate(json=LabelCreate, resp=responses(HTTP_201=Label, HTTP_400=FieldErrors), tags=["labels"])
def create_label(json: LabelCreate) -> ApiAnswer:
    """Create a label; a name you use already, in any letter case, is a 400."""
    try:
        label = crud.create_label(api_user(), json.name, json.colour)
    except crud.NameTaken as error:
        return field_error(400, "name", str(error), "name_taken")
    return Label.model_validate(label), 201, {"Location": url_for("api.get_label", label_id=label.id)}


@bp.get("/labels/<int:label_id>")
@spec.validate(resp=responses(HTTP_200=Label, HTTP_404=Message), tags=["labels"])
def get_label(label_id: int) -> ApiAnswer:
    """One of your labels; its tasks are at /tasks/?label=<id>."""
    return Label.model_validate(crud.get_label(api_user(), label_id))


@bp.patch("/labels/<int:label_id>")
@spec.validate(
    json=LabelUpdate, resp=responses(HTTP_200=Label, HTTP_400=FieldErrors, HTTP_404=Message), tags=["labels"]
)
def update_label(label_id: int, json: LabelUpdate) -> ApiAnswer:
    """Rename or recolour one of your labels; the fields left out keep their values."""
    owner = api_user()
    label = crud.get_label(owner, label_id)
    fields = {"name": label.name, "colour": label.colour} | json.model_dump(exclude_unset=True)
    try:
        return Label.model_validate(crud.update_label(owner, label_id, **fields))
    except crud.NameTaken as error:
        return field_error(400, "name", str(error), "name_taken")


@bp.delete("/labels/<int:label_id>")
@spec.validate(resp=responses("HTTP_204", HTTP_404=Message), tags=["labels"])
def delete_label(label_id: int) -> ApiAnswer:
    """Delete one of your labels; its tasks are kept, without it."""
    crud.delete_label(api_user(), label_id)
    return "", 204
