"""The API's rate limits: a budget per token and one per client address, answered with a JSON 429
and `Retry-After` (by the API's error handler and Flask-Limiter's headers)."""

import hashlib

from flask import current_app, request
from flask_limiter.util import get_remote_address

from ..extensions import limiter


def presented_token() -> str:
    """The token sent, as a hash: the counter's key must not hold the secret itself."""
    return "api-token:" + hashlib.sha256(request.headers.get("Authorization", "").encode()).hexdigest()


def sends_no_token() -> bool:
    return not request.headers.get("Authorization")


per_token = limiter.shared_limit(
    lambda: current_app.config["API_RATE_LIMIT_PER_TOKEN"],
    scope="api-token",
    key_func=presented_token,
    exempt_when=sends_no_token,
)
per_address = limiter.shared_limit(
    lambda: current_app.config["API_RATE_LIMIT_PER_ADDRESS"],
    scope="api-address",
    key_func=get_remote_address,
)
