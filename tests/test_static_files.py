"""Pages link their static files by content-hashed names, which are cached for a year and sent compressed."""

import re

import pytest

from webapp.static_build import MANIFEST

pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason="needs build/static: `make test` builds it")


def linked_assets(page: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', page)


def test_every_page_links_its_static_files_by_content_hashed_names(alice_client):
    assets = linked_assets(alice_client.get("/tasks/").text)

    # Bootstrap's CSS, JS and Popper; app.css, system-dark.css, no-js.css, app.js, shortcuts.js; the icon.
    assert len(assets) == 9
    assert all(re.search(r"-[0-9a-f]{32}\.(css|js|svg)$", asset) for asset in assets), assets


@pytest.mark.parametrize(("accepted", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("identity", None)])
def test_hashed_static_files_are_immutable_and_compressed_as_the_browser_accepts(client, accepted, encoding):
    bootstrap_css = next(a for a in linked_assets(client.get("/login").text) if "bootstrap.min" in a)

    response = client.get(bootstrap_css, headers={"Accept-Encoding": accepted})

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=31536000, public, immutable"
    assert response.headers.get("Content-Encoding") == encoding
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_file_under_its_plain_name_is_asked_about_again(client):
    assert client.get("/static/css/app.css").headers["Cache-Control"] == "max-age=0, public"
