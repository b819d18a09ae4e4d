"""The JSON API answers in English whatever language the request asks for: scripts compare its messages."""

from helpers import PASSWORD


def test_a_validation_message_stays_english_under_a_german_accept_language(admin_api):
    response = admin_api.post(
        "/users/", json={"email": "carol@example.com", "password": "password123"}, headers={"Accept-Language": "de"}
    )
    assert response.status_code == 422
    assert "This password is too common. Choose one that is harder to guess." in response.text


def test_a_domain_error_stays_english_under_a_spanish_accept_language(admin_api, alice):
    response = admin_api.post(
        "/users/", json={"email": alice.email, "password": PASSWORD}, headers={"Accept-Language": "es"}
    )
    assert response.status_code == 400
    assert "Email already registered" in response.text
