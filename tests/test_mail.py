"""Email: sent over real SMTP with plain text and HTML from templates, or written to the log without MAIL_URL."""

import logging

import pytest
from helpers import make_app
from smtp_sink import html_of, link_in, text_of

from webapp.mail import mail_settings


def test_a_password_reset_email_arrives_over_smtp_with_text_and_html(client, alice, mailbox):
    client.post("/reset-password", data={"email": alice.email})

    message = mailbox.wait_for(alice.email, "Reset your Taskboard password")
    assert message["From"] == "Taskboard <taskboard@localhost>"
    assert link_in(message).startswith("/reset-password/")
    assert "within 60 minutes" in text_of(message)
    assert '<a href="http://localhost/reset-password/' in html_of(message)


def test_without_mail_url_the_email_is_written_to_the_log_and_the_page_says_so(database_url, alice, caplog):
    app = make_app(database_url, MAIL_URL="")
    with caplog.at_level(logging.WARNING, logger="taskboard.mail"):
        response = app.test_client().post("/reset-password", data={"email": alice.email}, follow_redirects=True)

    assert "the email was written to the server log" in response.text
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Reset your Taskboard password" in logged and "http://localhost/reset-password/" in logged


def test_a_mail_server_that_does_not_answer_is_logged_not_shown(database_url, alice, caplog):
    app = make_app(database_url, MAIL_URL="smtp://127.0.0.1:9")  # the discard port: nothing listens
    with caplog.at_level(logging.ERROR, logger="taskboard.mail"):
        response = app.test_client().post("/reset-password", data={"email": alice.email}, follow_redirects=True)

    assert response.status_code == 200 and "we sent it a link" in response.text
    assert any("Could not send the email" in record.getMessage() for record in caplog.records)
    assert not any("/reset-password/" in record.getMessage() for record in caplog.records)


def test_links_in_emails_use_base_url_not_the_host_header(database_url, alice, mailbox, mail_server):
    app = make_app(database_url, MAIL_URL=mail_server.url, BASE_URL="https://tasks.example.com")
    app.test_client().post("/reset-password", data={"email": alice.email}, headers={"Host": "evil.example"})

    assert "https://tasks.example.com/reset-password/" in text_of(mailbox.wait_for(alice.email))


def test_served_apps_send_after_the_response_with_links_to_the_same_host(database_url, alice, mailbox, mail_server):
    app = make_app(database_url, MAIL_URL=mail_server.url, MAIL_SEND_IN_BACKGROUND=True)
    app.test_client().post("/reset-password", data={"email": alice.email}, base_url="http://tasks.local:8000")

    assert "http://tasks.local:8000/reset-password/" in text_of(mailbox.wait_for(alice.email))


@pytest.mark.parametrize(
    "url, settings",
    [
        ("smtp://mail.example.com", {"MAIL_SERVER": "mail.example.com", "MAIL_PORT": 25, "MAIL_USE_TLS": False}),
        (
            "smtp://u%40x:p%2Fw@mail.example.com:587?starttls=1",
            {"MAIL_PORT": 587, "MAIL_USE_TLS": True, "MAIL_USERNAME": "u@x", "MAIL_PASSWORD": "p/w"},
        ),
        ("smtps://mail.example.com", {"MAIL_PORT": 465, "MAIL_USE_SSL": True, "MAIL_USE_TLS": False}),
    ],
)
def test_mail_url_names_the_server_port_login_and_encryption(url, settings):
    parsed = mail_settings(url)
    assert {name: parsed[name] for name in settings} == settings


@pytest.mark.parametrize("url", ["http://mail.example.com", "smtp://", "mail.example.com"])
def test_a_mail_url_that_is_not_smtp_stops_the_app_from_starting(url):
    with pytest.raises(RuntimeError, match="MAIL_URL must look like"):
        mail_settings(url)
