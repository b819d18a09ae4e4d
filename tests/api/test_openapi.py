"""/api/v1/openapi.json describes every endpoint from the models that validate it, and the
live server keeps to it under Schemathesis."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from integration.servers import start_gunicorn, stop_gunicorn

from webapp.models import DESCRIPTION_MAX, TITLE_MAX

BIN = Path(sys.executable).parent
# Bounded: this many generated cases per operation and phase, the same every run.
SCHEMATHESIS_EXAMPLES = 20
SCHEMATHESIS_SEED = 1


@pytest.fixture
def openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_every_api_route_and_method_is_described(app, openapi):
    routes = {
        (re.sub(r"<(?:int:)?(\w+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {(path, method) for path, operations in openapi["paths"].items() for method in operations}

    assert described == routes
    assert len(routes) == 30  # with a task's reminders (add, delete), its comments and its history


def test_requests_are_described_strictly_with_the_forms_limits(openapi):
    # Spectree names components "<Model>.<hash>" and nested ones "<Model>.<hash>.<Nested>".
    schemas = {
        name.split(".")[0]: schema for name, schema in openapi["components"]["schemas"].items() if name.count(".") == 1
    }

    for name in (
        "TaskCreate",
        "TaskUpdate",
        "ItemCreate",
        "ItemUpdate",
        "UserCreate",
        "UserUpdate",
        "TaskListWrite",
        "LabelCreate",
        "LabelUpdate",
    ):
        assert schemas[name]["additionalProperties"] is False, name
    assert schemas["TaskCreate"]["properties"]["title"]["maxLength"] == TITLE_MAX
    assert schemas["TaskCreate"]["properties"]["title"]["minLength"] == 1
    description = schemas["TaskCreate"]["properties"]["description"]["anyOf"][0]
    assert description["maxLength"] == DESCRIPTION_MAX
    assert openapi["components"]["securitySchemes"] == {"bearer": {"type": "http", "scheme": "bearer"}}


def test_the_docs_page_is_public_and_loads_only_local_files(client):
    page = client.get("/api/v1/docs/")

    assert page.status_code == 200
    assert "/api/v1/openapi.json" in page.text
    assets = re.findall(r'<script src="([^"]+)"|<link [^>]*href="([^"]+)"', page.text)
    assets = [script or link for script, link in assets]
    assert assets and all(asset.startswith("/") and not asset.startswith("//") for asset in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


@pytest.fixture
def live_server(app, database_url, tmp_path):
    """The app under real gunicorn on a free port, on the test database."""
    server = start_gunicorn(database_url, tmp_path / "server", workers=1)
    yield server.url
    stop_gunicorn(server.process)


@pytest.fixture
def admin_token(tokens, admin, alice):
    """An admin's token, so user management is exercised too; alice is there to be managed."""
    return tokens.create(admin, "schemathesis")


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(live_server, admin_token, tmp_path):
    """Generated requests, valid and invalid, against every operation of the live openapi.json.

    `positive_data_acceptance` is left out on purpose: some schema-valid requests are refused by
    the rules of the data (a taken email, a stale or missing task version), as documented.
    """
    result = subprocess.run(
        [
            str(BIN / "schemathesis"),
            "run",
            f"{live_server}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {admin_token}",
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--max-examples",
            str(SCHEMATHESIS_EXAMPLES),
            "--seed",
            str(SCHEMATHESIS_SEED),
            "--workers",
            "1",
            "--no-color",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
