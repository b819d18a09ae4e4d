"""Production refuses unsafe settings, and `flask check-deploy` names what is unsafe."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import free_port, make_app

from webapp import create_app

PROJECT = Path(__file__).resolve().parents[2]
GOOD_SECRET = secrets.token_hex(32)


@pytest.mark.parametrize("secret", [None, "", "x" * 31])
def test_production_refuses_to_start_without_a_long_secret_key(database_url, secret):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        make_app(database_url, TASKBOARD_CONFIG="production", SECRET_KEY=secret)


def test_production_refuses_to_start_in_debug_mode(database_url, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="Debug"):
        make_app(database_url, TASKBOARD_CONFIG="production", SECRET_KEY=GOOD_SECRET)


def test_production_starts_with_a_long_secret_and_debug_off(database_url, monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = make_app(database_url, TASKBOARD_CONFIG="production", SECRET_KEY=GOOD_SECRET)
    assert app.config["SECRET_KEY"] == GOOD_SECRET and not app.debug


def check_deploy(tmp_path, **env):
    """Runs `flask check-deploy` as an operator would, with only the given settings."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "TASKBOARD_CONFIG",
            "SECRET_KEY",
            "DATABASE_URL",
            "PREFERRED_URL_SCHEME",
            "RATELIMIT_STORAGE_URI",
            "FLASK_DEBUG",
            "REGISTRATION",
            "MAIL_URL",
            "BASE_URL",
        }
    }
    clean.update(TASKBOARD_INSTANCE_PATH=str(tmp_path / "instance"), **env)
    flask = Path(sys.executable).with_name("flask")
    return subprocess.run(
        [str(flask), "--app", "wsgi", "check-deploy"],
        cwd=PROJECT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def production_setup(tmp_path, **changes):
    """The production setup the README documents (with a local database file)."""
    env = {
        "TASKBOARD_CONFIG": "production",
        "SECRET_KEY": GOOD_SECRET,
        "DATABASE_URL": f"sqlite:///{tmp_path}/prod.db",
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
        "TRUSTED_PROXIES": "1",
        "REGISTRATION": "invite",
        "MAIL_URL": "smtp://mail.example.com:587?starttls=1",
        "BASE_URL": "https://tasks.example.com",
    }
    env.update(changes)
    return env


def test_check_deploy_is_clean_in_the_documented_production_setup(tmp_path):
    result = check_deploy(tmp_path, **production_setup(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No deployment problems found." in result.stdout


def test_check_deploy_lists_what_is_unsafe_in_development(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 1
    assert "TASKBOARD_CONFIG is 'development'" in result.stdout
    assert "PREFERRED_URL_SCHEME is not 'https'" in result.stdout
    assert "RATELIMIT" not in result.stdout, "the default store is shared by the workers of one machine"


@pytest.mark.parametrize(
    "changes, finding",
    [
        ({"PREFERRED_URL_SCHEME": "http"}, "PREFERRED_URL_SCHEME is not 'https'"),
        ({"RATELIMIT_STORAGE_URI": "memory://"}, "each gunicorn worker counts on its own"),
        ({"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:{port}"}, "does not answer"),
        ({"METRICS_TOKEN": "guessable"}, "METRICS_TOKEN is shorter than 32"),
        ({"REGISTRATION": "open"}, "Registration is open"),
        ({"MAIL_URL": ""}, "MAIL_URL is not set"),
        ({"BASE_URL": ""}, "BASE_URL is not set"),
    ],
)
def test_check_deploy_flags_each_unsafe_production_setting(tmp_path, changes, finding):
    changes = {key: value.format(port=free_port()) for key, value in changes.items()}
    result = check_deploy(tmp_path, **production_setup(tmp_path, **changes))
    assert result.returncode == 1 and finding in result.stdout


def test_check_deploy_flags_debug_mode(tmp_path):
    result = check_deploy(tmp_path, FLASK_DEBUG="1")
    assert result.returncode == 1 and "Debug mode is on" in result.stdout


@pytest.mark.parametrize(
    "overrides, finding",
    [
        ({"SECRET_KEY": "short"}, "SECRET_KEY is shorter than 32"),
        ({"WTF_CSRF_ENABLED": False}, "CSRF protection is off"),
        ({"RATELIMIT_ENABLED": False}, "Rate limiting is off"),
        ({"MAX_CONTENT_LENGTH": None}, "MAX_CONTENT_LENGTH is not set"),
    ],
)
def test_check_deploy_flags_settings_that_only_code_can_change(database_url, overrides, finding):
    app = create_app({"TASKBOARD_CONFIG": "development", "SQLALCHEMY_DATABASE_URI": database_url, **overrides})
    result = app.test_cli_runner().invoke(args=["check-deploy"])
    assert result.exit_code == 1 and finding in result.output
