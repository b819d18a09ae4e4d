"""/account/tokens: people create API tokens (shown once) and revoke them."""

import re

import pytest

from .helpers import ApiClient


def create_token(client, name="nightly sync"):
    response = client.post("/account/tokens/", data={"name": name})
    assert response.status_code == 201, response.text
    return re.search(r'id="new-token" value="([^"]+)"', response.text).group(1)


def test_a_new_token_is_shown_once_and_then_works_on_the_api(app, alice_client):
    secret = create_token(alice_client)

    assert ApiClient(app.test_client(), secret).get("/users/me").get_json()["email"] == "alice@example.com"
    page = alice_client.get("/account/tokens/").text
    assert "nightly sync" in page
    assert "Never" not in page  # the API call above was recorded as its last use
    assert secret not in page


def test_the_page_lists_only_your_own_tokens(alice_client, bob_client):
    create_token(alice_client, "alice laptop")

    assert "alice laptop" not in bob_client.get("/account/tokens/").text


def test_revoking_a_token_removes_it_and_locks_it_out(app, alice_client):
    secret = create_token(alice_client)
    token_id = re.search(r"/account/tokens/(\d+)/revoke", alice_client.get("/account/tokens/").text).group(1)

    response = alice_client.post(f"/account/tokens/{token_id}/revoke", follow_redirects=True)

    assert "Token revoked" in response.text
    assert "nightly sync" not in response.text
    assert ApiClient(app.test_client(), secret).get("/users/me").status_code == 401


def test_nobody_can_revoke_another_persons_token(app, alice_client, bob_client):
    secret = create_token(alice_client)
    token_id = re.search(r"/account/tokens/(\d+)/revoke", alice_client.get("/account/tokens/").text).group(1)

    assert bob_client.post(f"/account/tokens/{token_id}/revoke").status_code == 404
    assert ApiClient(app.test_client(), secret).get("/users/me").status_code == 200


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_an_invalid_name_is_422_and_creates_nothing(alice_client, name):
    response = alice_client.post("/account/tokens/", data={"name": name})

    assert response.status_code == 422
    assert "You have no API tokens yet." in response.text


def test_the_page_is_private(client):
    response = client.get("/account/tokens/")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_navigation_links_to_the_tokens_page(alice_client):
    assert 'href="/account/tokens/"' in alice_client.get("/tasks/").text


def test_a_token_can_be_created_from_the_command_line_for_scripts(app, alice):
    result = app.test_cli_runner().invoke(args=["api-tokens", "create", "ALICE@example.com", "cron job"])

    assert result.exit_code == 0, result.output
    assert ApiClient(app.test_client(), result.output.strip()).get("/users/me").status_code == 200


def test_the_command_line_refuses_an_unknown_email(app, alice):
    result = app.test_cli_runner().invoke(args=["api-tokens", "create", "nobody@example.com", "cron job"])

    assert result.exit_code != 0
    assert "No account has the email nobody@example.com" in result.output
