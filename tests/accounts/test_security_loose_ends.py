"""Loose ends of the security review: password changes revoke API tokens, the API has rate limits,
deactivation ends sessions and tokens at once."""

from factories import new_api_token
from helpers import PASSWORD, make_app

from .steps import api_token_count, logged_in

NEW_PASSWORD = "a different good password"


def api_get(client, token, path="/api/v1/tasks/", address="10.1.0.1"):
    return client.get(path, headers={"Authorization": f"Bearer {token}"}, environ_base={"REMOTE_ADDR": address})


def test_changing_the_password_revokes_api_tokens_and_says_so(app, alice_client, alice):
    token = new_api_token(app, alice)
    response = alice_client.post(
        "/account/password",
        data={
            "change_password-current_password": PASSWORD,
            "change_password-password": NEW_PASSWORD,
            "change_password-confirm": NEW_PASSWORD,
        },
        follow_redirects=True,
    )
    assert "your 1 API token revoked" in response.text
    assert api_token_count(app, alice) == 0
    assert api_get(app.test_client(), token).status_code == 401


def test_an_admin_deactivating_a_user_ends_their_sessions_and_tokens_at_once(app, admin_client, alice_client, alice):
    token = new_api_token(app, alice)
    assert api_get(app.test_client(), token).status_code == 200

    admin_client.post(f"/users/{alice.id}/edit", data={"email": alice.email})  # "Active" unticked

    assert not logged_in(alice_client)
    assert api_get(app.test_client(), token).status_code == 401
    admin_client.post(f"/users/{alice.id}/edit", data={"email": alice.email, "is_active": "y"})
    assert api_get(app.test_client(), token).status_code == 401  # reactivation does not revive old tokens


def test_the_api_limits_each_token_with_a_json_429_and_retry_after(database_url, mail_server, alice, accounts):
    app = make_app(database_url, MAIL_URL=mail_server.url, API_RATE_LIMIT_PER_TOKEN="3 per minute")
    token, other = new_api_token(app, alice), new_api_token(app, alice)
    client = app.test_client()
    for n in range(3):
        assert api_get(client, token, address=f"10.1.1.{n}").status_code == 200

    refused = api_get(client, token, address="10.1.1.9")

    assert refused.status_code == 429
    assert refused.is_json and refused.json["detail"]
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert api_get(client, other).status_code == 200


def test_the_api_limits_each_address_whatever_the_token(database_url, mail_server, alice):
    app = make_app(database_url, MAIL_URL=mail_server.url, API_RATE_LIMIT_PER_ADDRESS="3 per minute")
    client = app.test_client()
    answers = [api_get(client, f"tb_guess{n}", address="10.1.2.1").status_code for n in range(4)]
    assert answers == [401, 401, 401, 429]
    assert api_get(client, new_api_token(app, alice), address="10.1.2.2").status_code == 200
