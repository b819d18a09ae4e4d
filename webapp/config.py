"""Configuration read from the environment.

The development default needs no setup at all: a SQLite file and a secret key
generated once, both kept in the instance folder.
"""

import os
import secrets
from pathlib import Path

MIB = 1024 * 1024


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
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLITE_SYNCHRONOUS = os.environ.get("SQLITE_SYNCHRONOUS", "FULL")
    SECRET_KEY = os.environ.get("SECRET_KEY")
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", MIB))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # How many reverse proxies stand in front and set X-Forwarded-*; 0 trusts none.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")
    SESSION_COOKIE_SECURE = PREFERRED_URL_SCHEME == "https"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # Bootstrap's CSS and JS come from the installed package: the app works offline.
    BOOTSTRAP_SERVE_LOCAL = True


class DevelopmentConfig(Config):
    pass


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-that-is-long-enough-for-tests"
    WTF_CSRF_ENABLED = False


class ProductionConfig(Config):
    pass


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestConfig,
    "production": ProductionConfig,
}
