from wtforms import SelectField

from ..crud.items import DEFAULT_SORT, SORT_LABELS
from ..forms import ListForm, PageForm, description_field, form_token_field, title_field
from ..i18n import _l


class ItemForm(PageForm):
    title = title_field()
    description = description_field()


class NewItemForm(ItemForm):
    form_token = form_token_field()


class ItemFilterForm(ListForm):
    """The item list's parameters: ?q=...&sort=...&per_page=..."""

    sort = SelectField(_l("Sort by"), choices=ListForm.sort_choices(SORT_LABELS), default=DEFAULT_SORT)
