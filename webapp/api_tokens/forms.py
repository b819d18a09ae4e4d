from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..forms import PageForm, strip
from ..i18n import _l
from ..models import TOKEN_NAME_MAX


class TokenForm(PageForm):
    name = StringField(
        _l("Token name"),
        filters=[strip],
        validators=[DataRequired(), Length(max=TOKEN_NAME_MAX)],
        description=_l("What will use it, e.g. “backup script” or “phone”."),
    )
