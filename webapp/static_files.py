"""Static files: content-hashed names kept by browsers for a year, sent compressed, outside Flask.

webapp.static_build writes build/static: every file also under a name holding its MD5
(css/app-<md5>.css) with .gz and .br copies, and a manifest. Templates link with
`static_url_for('static', filename='css/app.css')`, which Flask-Static-Digest turns into the
hashed name, so a changed file is a new URL and an old one never needs asking about again.
WhiteNoise answers /static/ before the app: Brotli or gzip as the browser accepts, and
`Cache-Control: public, max-age=31536000, immutable` for hashed names; a warm page view is then
a single request. A file it did not find at start-up falls through to Flask's own static route.
"""

import re
from pathlib import Path
from wsgiref.headers import Headers

from flask import Flask
from whitenoise import WhiteNoise

from .security_headers import PROTECTIVE_HEADERS

ONE_YEAR = 365 * 24 * 60 * 60
HASHED_NAME = re.compile(r"-[0-9a-f]{32}\.\w+$")


class StaticFiles(WhiteNoise):
    FOREVER = ONE_YEAR  # what WhiteNoise says for immutable files (its default is ten years)


def is_hashed(path: str, url: str) -> bool:
    return bool(HASHED_NAME.search(url))


def add_protective_headers(headers: Headers, path: str, url: str) -> None:
    for name, value in PROTECTIVE_HEADERS.items():
        headers[name] = value


def serve_static_files(app: Flask) -> None:
    """Put WhiteNoise in front of the app for its static folder (when it has been built)."""
    static_folder = app.static_folder
    if static_folder is None or not Path(static_folder).is_dir():
        return
    app.wsgi_app = StaticFiles(  # type: ignore[method-assign]
        app.wsgi_app,
        root=static_folder,
        prefix=app.static_url_path,
        max_age=0,  # an unhashed name may change under the same URL: ask again each time
        allow_all_origins=False,
        immutable_file_test=is_hashed,
        add_headers_function=add_protective_headers,
    )
