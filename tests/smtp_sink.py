"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it is sent, for tests to read.

The app sends to it over SMTP exactly as it would to a production mail server.
"""

import re
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from helpers import free_port

WAIT_S = 10


class Mailbox:
    """Every message the server received, oldest first."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.arrived:
            self.messages.append(message)
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        with self.arrived:
            self.messages.clear()

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address.lower() in m["To"].lower()]

    def wait_for(self, address: str, subject: str | None = None, count: int = 1) -> EmailMessage:
        """The `count`-th message to `address` (with this subject), waiting for it to arrive."""
        deadline = time.monotonic() + WAIT_S
        with self.arrived:
            while True:
                found = [m for m in self.to(address) if subject is None or subject in m["Subject"]]
                if len(found) >= count:
                    return found[count - 1]
                remaining = deadline - time.monotonic()
                assert remaining > 0, (
                    f"no email to {address} ({subject!r}); got {[m['Subject'] for m in self.messages]}"
                )
                self.arrived.wait(remaining)


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message: EmailMessage) -> str:
    """The first link of the plain-text body (as a path), e.g. /reset-password/<secret>."""
    match = re.search(r"https?://[^/\s]+(/\S+)", text_of(message))
    assert match, text_of(message)
    return match.group(1)


class MailServer:
    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> "MailServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
