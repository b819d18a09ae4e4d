"""Flask extensions, created unbound here and bound to the app in the factory."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mailman import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_static_digest import FlaskStaticDigest
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints let Alembic create and drop them identically on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
# The models' base class. Flask-SQLAlchemy builds db.Model from Base at run time, which a type checker
# cannot follow; to it, the models derive from Base, the declarative base they really extend.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
bootstrap = Bootstrap5()
mailman = Mail()
# Bound with the locale selector of webapp.i18n: every page speaks the person's language.
babel = Babel()
# Links to static files by their content-hashed names (see webapp.static_files).
static_digest = FlaskStaticDigest()
# Storage comes from RATELIMIT_STORAGE_URI; the limits themselves are on the views they guard.
limiter = Limiter(key_func=get_remote_address)
