"""The API blueprint: every view on it needs a Bearer token and answers errors in JSON."""

from flask import Blueprint

from ..extensions import csrf
from .auth import authenticate, require_json_body
from .errors import register_api_errorhandlers
from .limits import per_address, per_token

PREFIX = "/api/v1"

bp = Blueprint("api", __name__, url_prefix=PREFIX)
bp.before_request(authenticate)
bp.before_request(require_json_body)
register_api_errorhandlers(bp)
per_token(bp)
per_address(bp)

# Only a Bearer token authenticates the API, and a cross-site form cannot send one, so a CSRF
# token would protect nothing here.
csrf.exempt(bp)
