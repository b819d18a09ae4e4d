"""Builds build/static, the folder the app serves its static files from: `python -m webapp.static_build`.

It holds static/ and the Bootstrap files of the installed Bootstrap-Flask, each also under a
content-hashed name (css/app-<md5>.css) with gzip and Brotli copies, and the manifest that
maps one to the other (Flask-Static-Digest). `make run` and `make test` build it whenever a
source file changes; it is never committed. The hashed names are what the pages link to, so
WhiteNoise (webapp.static_files) may let browsers keep them for a year.
"""

import shutil
from pathlib import Path

import flask_bootstrap
from flask_static_digest import digester

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SOURCE = PROJECT_ROOT / "static"
BUILD = PROJECT_ROOT / "build" / "static"
MANIFEST = BUILD / "cache_manifest.json"
BOOTSTRAP = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5"
# Bootstrap-Flask's copies of Bootstrap 5 (Bootstrap's JS needs Popper), under vendor/bootstrap/.
BOOTSTRAP_FILES = ("css/bootstrap.min.css", "js/bootstrap.min.js", "umd/popper.min.js")


def build(target: Path = BUILD) -> None:
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(SOURCE, staging)
    for name in BOOTSTRAP_FILES:
        vendored = staging / "vendor" / "bootstrap" / name
        vendored.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BOOTSTRAP / name, vendored)
    digester.compile(f"{staging}/", f"{staging}/", [], gzip_files=True, brotli_files=True)
    # Swapped in whole, so a running server never sees a half-built folder for long.
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


if __name__ == "__main__":
    build()
