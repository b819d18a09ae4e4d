from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired

from ..forms import name_field
from ..models import LABEL_COLOURS, LABEL_NAME_MAX

COLOUR_CHOICES = [SelectChoice(colour, colour.capitalize()) for colour in LABEL_COLOURS]


class LabelForm(FlaskForm):
    name = name_field("Name", LABEL_NAME_MAX)
    colour = SelectField("Colour", choices=COLOUR_CHOICES, default=LABEL_COLOURS[0], validators=[InputRequired()])
