"""Builds build/static, the folder the app serves its static files from: `python -m webapp.static_build`.

It holds static/ and the Bootstrap files of the installed Bootstrap-Flask, each also under a
content-hashed name (css/app-<md5>.css) with gzip and Brotli copies, and the manifest that
maps one to the other (Flask-Static-Digest). `make run` and `make test` build it whenever a
source file changes; it is never committed. The hashed names are what the pages link to, so
WhiteNoise (webapp.static_files) may let browsers keep them for a year.

It also writes css/system-dark.css: dark mode for people whose setting follows their system's (see
system_dark_css).
"""

import re
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
DARK = "[data-bs-theme=dark]"
SYSTEM = "[data-bs-theme=auto]"
SYSTEM_DARK = "css/system-dark.css"
# What system_dark_css reads: Bootstrap's stylesheet and ours, in the order pages load them.
DARK_SOURCES = (BOOTSTRAP / "css" / "bootstrap.min.css", SOURCE / "css" / "app.css")


def build(target: Path = BUILD) -> None:
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(SOURCE, staging)
    for name in BOOTSTRAP_FILES:
        vendored = staging / "vendor" / "bootstrap" / name
        vendored.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BOOTSTRAP / name, vendored)
    (staging / SYSTEM_DARK).write_text(system_dark_css(*(source.read_text() for source in DARK_SOURCES)))
    digester.compile(f"{staging}/", f"{staging}/", [], gzip_files=True, brotli_files=True)
    # Swapped in whole, so a running server never sees a half-built folder for long.
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def system_dark_css(*stylesheets: str) -> str:
    """Every rule of the stylesheets written for Bootstrap's dark colour mode, for pages in the "auto"
    mode (<html data-bs-theme="auto">) on a system set to dark.

    Bootstrap 5.3 switches colour modes by an attribute, which needs a value: a page that follows the
    system without JavaScript needs these rules under @media (prefers-color-scheme: dark). Copying
    them from the stylesheets at build time keeps one source of Bootstrap's dark colours (and of ours)
    instead of hundreds of hand-copied lines.
    """
    rules = []
    for css in stylesheets:
        for selectors, body in top_level_rules(css):
            dark = [selector for selector in selectors.split(",") if DARK in selector]
            if dark:
                rules.append(",".join(selector.strip().replace(DARK, SYSTEM) for selector in dark) + "{" + body + "}")
    return "@media (prefers-color-scheme: dark){\n" + "\n".join(rules) + "\n}\n"


def top_level_rules(css: str) -> list[tuple[str, str]]:
    """The (selectors, declarations) of the stylesheet's rules that sit in no at-rule; a dark-mode rule
    inside one (which this copy would not place correctly) is an error, not a silent loss."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules, open_blocks, start = [], [], 0
    for brace in re.finditer(r"[{}]", css):
        if brace.group() == "{":
            open_blocks.append(css[start : brace.start()].strip())
        else:
            prelude = open_blocks.pop()
            if DARK in prelude and (open_blocks or prelude.startswith("@")):
                raise ValueError(f"a dark-mode rule inside {open_blocks or prelude}: cannot copy it")
            if not open_blocks:
                rules.append((prelude, css[start : brace.start()].strip()))
        start = brace.end()
    return rules


if __name__ == "__main__":
    build()
