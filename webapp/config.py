"""Configuration read from the environment.

The development default needs no setup at all: a SQLite file and a secret key
generated once, both kept in the instance folder.
"""

import os
import secrets
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any, ClassVar

MIB = 1024 * 1024
SECRET_KEY_MIN = 32


def instance_secret_key(instance_path: str) -> str:
    """Return the development secret kept in the instance folder, creating it once."""
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    # Per-database engine options come from webapp.database; these add to them.
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict[str, Any]] = {}
    SQLITE_SYNCHRONOUS = os.environ.get("SQLITE_SYNCHRONOUS", "FULL")
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # Request size limits: the whole body, the form fields kept in memory, and their number.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", MIB))
    MAX_FORM_MEMORY_SIZE = int(os.environ.get("MAX_FORM_MEMORY_SIZE", 512 * 1024))
    MAX_FORM_PARTS = int(os.environ.get("MAX_FORM_PARTS", 1000))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # How many reverse proxies stand in front and set X-Forwarded-*; 0 trusts none.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")
    # A signed-in session ends after this long without a request, and this long after login.
    SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", 30 * 60))
    SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60))
    # The cookie is rewritten only when the session changes (at login, and when `seen_at` moves,
    # at most once a minute), not re-signed on every response: the timeouts are checked on the
    # server from the signed times inside it, so sliding the cookie's own expiry adds nothing.
    SESSION_REFRESH_EACH_REQUEST = False
    # Always set: the limiter is one object shared by every app built in a process.
    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "true").lower() != "false"
    # Unset: a file in the instance folder that all workers of this machine share (see
    # webapp.rate_limit_storage); redis://... for several machines.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI")
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "taskboard")
    RATELIMIT_HEADERS_ENABLED = True
    # Bootstrap's CSS and JS come from the installed package, copied into build/static with the
    # app's own files (webapp.static_build): the app works offline.
    BOOTSTRAP_SERVE_LOCAL = True
    # Prometheus metrics at /metrics for a scraper sending this bearer token; unset, /metrics is a 404.
    # (gunicorn can serve them on a separate bind instead: METRICS_BIND, see gunicorn.conf.py.)
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
    # `json`: one JSON object per log line; anything else: Flask's plain text.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    # Email: an smtp:// or smtps:// URL of the mail server; without one, messages go to the log.
    MAIL_URL = os.environ.get("MAIL_URL", "")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Taskboard <taskboard@localhost>")
    # Sent after the response, so a page takes as long whether or not it sent an email.
    MAIL_SEND_IN_BACKGROUND = True
    # The address people reach the site at, for links in emails; without it, the request's host.
    BASE_URL = os.environ.get("BASE_URL", "")
    # Who may create an account: open, invite or closed, until an admin chooses (webapp.crud.registration).
    REGISTRATION = os.environ.get("REGISTRATION", "open")
    REQUIRE_VERIFIED_EMAIL = os.environ.get("REQUIRE_VERIFIED_EMAIL", "false").lower() == "true"
    # The JSON API's budgets, per token and per client address.
    API_RATE_LIMIT_PER_TOKEN = os.environ.get("API_RATE_LIMIT_PER_TOKEN", "300 per minute")
    API_RATE_LIMIT_PER_ADDRESS = os.environ.get("API_RATE_LIMIT_PER_ADDRESS", "600 per minute")
    # gzip and Brotli copies of every static file, served by WhiteNoise as the browser accepts.
    FLASK_STATIC_DIGEST_COMPRESSION: ClassVar[list[str]] = ["gzip", "brotli"]
    # argon2id at the cost the OWASP Password Storage Cheat Sheet gives: m=19 MiB, t=2, p=1.
    PASSWORD_HASHING: ClassVar[dict[str, int]] = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}


class DevelopmentConfig(Config):
    pass


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-that-is-long-enough-for-tests"
    WTF_CSRF_ENABLED = False
    # The suite hashes passwords in most tests: at the real cost (~40 ms a hash) that took over a
    # quarter of its time. tests/security/test_passwords.py checks the real cost in the other configs.
    PASSWORD_HASHING: ClassVar[dict[str, int]] = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    # Tests read each message from their SMTP server right after the request that sent it.
    MAIL_SEND_IN_BACKGROUND = False
    # A test database is thrown away: no fsync at every commit.
    SQLITE_SYNCHRONOUS = "OFF"
    # Each test app counts on its own, so the passes running side by side never share counters.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")


class ProductionConfig(Config):
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "https")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestConfig,
    "production": ProductionConfig,
}


def apply_cookie_policy(config: MutableMapping[str, Any]) -> None:
    """Cookies follow the scheme: over HTTPS they are Secure and the session one is `__Host-` bound."""
    https = config["PREFERRED_URL_SCHEME"] == "https"
    config["SESSION_COOKIE_SECURE"] = config["REMEMBER_COOKIE_SECURE"] = https
    config["SESSION_COOKIE_NAME"] = "__Host-session" if https else "session"
    config["PERMANENT_SESSION_LIFETIME"] = config["SESSION_ABSOLUTE_TIMEOUT"]


REGISTRATION_MODES = ("open", "invite", "closed")


def check_registration_mode(mode: str) -> None:
    if mode not in REGISTRATION_MODES:
        raise RuntimeError(f"REGISTRATION must be one of {', '.join(REGISTRATION_MODES)}, not {mode!r}")


def refuse_unsafe_production(config: Mapping[str, Any], debug: bool) -> None:
    """The production configuration does not start with a weak secret or the debugger on."""
    if len(config.get("SECRET_KEY") or "") < SECRET_KEY_MIN:
        raise RuntimeError(f"SECRET_KEY must be set to at least {SECRET_KEY_MIN} characters in production.")
    if debug:
        raise RuntimeError("Debug mode must be off in production (unset FLASK_DEBUG).")
