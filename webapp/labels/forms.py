from wtforms import SelectField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired

from ..forms import PageForm, name_field
from ..i18n import _l
from ..models import LABEL_COLOURS, LABEL_NAME_MAX

# The palette's colours in words (LABEL_COLOURS), in the page's language.
COLOUR_NAMES = {
    "grey": _l("Grey"),
    "red": _l("Red"),
    "orange": _l("Orange"),
    "yellow": _l("Yellow"),
    "green": _l("Green"),
    "teal": _l("Teal"),
    "blue": _l("Blue"),
    "purple": _l("Purple"),
    "pink": _l("Pink"),
}
COLOUR_CHOICES = [SelectChoice(colour, COLOUR_NAMES[colour]) for colour in LABEL_COLOURS]


class LabelForm(PageForm):
    name = name_field(_l("Name"), LABEL_NAME_MAX)
    colour = SelectField(_l("Colour"), choices=COLOUR_CHOICES, default=LABEL_COLOURS[0], validators=[InputRequired()])
