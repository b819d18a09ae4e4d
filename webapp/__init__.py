"""Taskboard: a self-hosted, server-rendered task manager."""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import gettext
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    api,
    api_tokens,
    auth,
    calendar_feed,
    commands,
    health,
    i18n,
    items,
    labels,
    lists,
    logs,
    metrics,
    notifications,
    rate_limit_storage,
    tasks,
    users,
)
from .config import (
    CONFIGS,
    apply_cookie_policy,
    check_registration_mode,
    instance_secret_key,
    refuse_unsafe_production,
)
from .crud.errors import N_
from .database import configure_engine, engine_options
from .errors import register_errorhandlers
from .extensions import bootstrap, csrf, db, limiter, login_manager, mailman, migrate, static_digest
from .formatting import register_template_filters
from .forms import new_form_token
from .mail import mail_settings
from .navigation import owner_lists, role_in
from .pages import ListLinks, colour_theme
from .request_guards import reject_nul_characters
from .security_headers import set_security_headers
from .static_build import BUILD
from .static_files import serve_static_files

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; `config` overrides the configuration chosen by TASKBOARD_CONFIG."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(BUILD),
        instance_path=os.environ.get("TASKBOARD_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
    )
    load_config(app, config or {})
    trust_proxies(app)
    serve_static_files(app)
    register_extensions(app)
    logs.register(app)
    metrics.register(app)
    register_blueprints(app)
    register_errorhandlers(app)
    commands.register_commands(app)
    app.before_request(reject_nul_characters)
    app.after_request(set_security_headers)
    app.add_template_global(ListLinks, "list_links")
    app.add_template_global(owner_lists, "nav_lists")
    app.add_template_global(notifications.unread_notifications, "unread_notifications")
    app.add_template_global(role_in, "role_in")
    app.add_template_global(new_form_token, "new_form_token")
    app.add_template_global(colour_theme, "colour_theme")
    register_template_filters(app)
    return app


def load_config(app: Flask, overrides: Mapping[str, Any]) -> None:
    name = overrides.get("TASKBOARD_CONFIG") or os.environ.get("TASKBOARD_CONFIG", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"TASKBOARD_CONFIG must be one of {', '.join(CONFIGS)}, not {name!r}")
    app.config.from_object(CONFIGS[name])
    app.config.update(overrides)
    app.config["TASKBOARD_CONFIG"] = name
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'taskboard.db'}"
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **engine_options(app.config["SQLALCHEMY_DATABASE_URI"]),
        **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
    }
    app.config.update(mail_settings(app.config["MAIL_URL"]))
    check_registration_mode(app.config["REGISTRATION"])
    if not app.config["RATELIMIT_STORAGE_URI"]:
        app.config["RATELIMIT_STORAGE_URI"] = rate_limit_storage.default_uri(app.instance_path)
    if name == "production":
        refuse_unsafe_production(app.config, app.debug)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    apply_cookie_policy(app.config)


def trust_proxies(app: Flask) -> None:
    """Behind reverse proxies, take the client's address, scheme, host and path prefix from them."""
    count = app.config["TRUSTED_PROXIES"]
    if count:
        # Flask's documented way to add WSGI middleware, which its type hints do not foresee.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_prefix=count
        )


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Please log in to see this page.")
    login_manager.localize_callback = gettext
    login_manager.login_message_category = "info"
    i18n.init_app(app)
    bootstrap.init_app(app)
    mailman.init_app(app)
    static_digest.init_app(app)
    limiter.init_app(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_SYNCHRONOUS"])
        metrics.watch_pool(db.engine)


def register_blueprints(app: Flask) -> None:
    for blueprint in (
        auth.bp,
        auth.account_bp,
        auth.password_reset_bp,
        auth.verification_bp,
        auth.two_factor_bp,
        tasks.bp,
        lists.bp,
        labels.bp,
        items.bp,
        users.bp,
        health.bp,
        api_tokens.bp,
        notifications.bp,
        calendar_feed.bp,
    ):
        app.register_blueprint(blueprint)
    api.register_api(app)
