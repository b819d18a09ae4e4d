"""What is unsafe in a configuration, for `flask check-deploy` (like Django's `check --deploy`)."""

from flask import Config
from limits.storage import storage_from_string

from .config import SECRET_KEY_MIN


def deployment_problems(config: Config, debug: bool, registration_mode: str = "open") -> list[str]:
    """Every unsafe setting found, each as one sentence saying what to change."""
    problems = []
    if config["TASKBOARD_CONFIG"] != "production":
        problems.append(f"TASKBOARD_CONFIG is {config['TASKBOARD_CONFIG']!r}; set it to 'production'.")
    if debug:
        problems.append("Debug mode is on: it shows tracebacks and runs code sent to it. Unset FLASK_DEBUG.")
    if config.get("TESTING"):
        problems.append("TESTING is on; it is for the test suite only.")
    if len(config.get("SECRET_KEY") or "") < SECRET_KEY_MIN:
        problems.append(f"SECRET_KEY is shorter than {SECRET_KEY_MIN} characters; use a long random value.")
    if config["PREFERRED_URL_SCHEME"] != "https" or not config["SESSION_COOKIE_SECURE"]:
        problems.append(
            "PREFERRED_URL_SCHEME is not 'https': session cookies are sent over plain HTTP. "
            "Serve Taskboard over HTTPS and set it to 'https'."
        )
    if config.get("WTF_CSRF_ENABLED") is False:
        problems.append("CSRF protection is off (WTF_CSRF_ENABLED=False).")
    if not config.get("MAX_CONTENT_LENGTH"):
        problems.append("MAX_CONTENT_LENGTH is not set: request bodies of any size are read.")
    if 0 < len(config.get("METRICS_TOKEN") or "") < SECRET_KEY_MIN:
        problems.append(f"METRICS_TOKEN is shorter than {SECRET_KEY_MIN} characters; use a long random value.")
    problems.extend(_rate_limit_problems(config))
    problems.extend(_account_problems(config, registration_mode))
    return problems


def _rate_limit_problems(config: Config) -> list[str]:
    if not config.get("RATELIMIT_ENABLED"):
        return ["Rate limiting is off (RATELIMIT_ENABLED=False): passwords can be guessed at full speed."]
    uri = config["RATELIMIT_STORAGE_URI"]
    if uri.startswith("memory://"):
        return [
            "RATELIMIT_STORAGE_URI is memory://: each gunicorn worker counts on its own, so the limits "
            "multiply by the number of workers. Use a shared store such as redis://."
        ]
    if not storage_from_string(uri).check():
        return [f"The rate-limit store at RATELIMIT_STORAGE_URI {uri!r} does not answer."]
    return []


def _account_problems(config: Config, registration_mode: str) -> list[str]:
    problems = []
    if registration_mode == "open":
        problems.append(
            "Registration is open: anyone who reaches the site can create an account. If that is not "
            "meant, choose 'invite' or 'closed' on the users page or set REGISTRATION."
        )
    if not config.get("MAIL_URL"):
        problems.append("MAIL_URL is not set: password resets and confirmations go to the log, not to people.")
    if not config.get("BASE_URL"):
        problems.append(
            "BASE_URL is not set: links in emails are built from the Host header of each request, "
            "which a client can forge. Set it to the address people use, e.g. https://tasks.example.com."
        )
    return problems
