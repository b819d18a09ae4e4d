from flask_wtf import FlaskForm

from ..forms import description_field, title_field


class ItemForm(FlaskForm):
    title = title_field()
    description = description_field()
