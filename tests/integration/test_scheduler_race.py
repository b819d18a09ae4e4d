"""Two schedulers, two real processes, racing over 1,000 due reminders: each is sent exactly once, to a
real SMTP server, whichever of them takes it. (Its figures are printed under "load figures".)"""

import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from factories import new_due_reminders

from webapp.extensions import db
from webapp.models import Notification, Reminder

from .servers import PROJECT_ROOT, SECRET_KEY

REMINDERS = 1000
RUN_TIMEOUT_S = 300
SENT = re.compile(r"Scheduler ran once: (\d+) reminder\(s\) \(\d+ late\), \d+ digest\(s\), (\d+) email\(s\)")


def start_scheduler(database_url: str, mail_url: str, directory) -> subprocess.Popen:
    env = dict(
        os.environ,
        TASKBOARD_CONFIG="production",
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET_KEY,
        MAIL_URL=mail_url,
        TASKBOARD_INSTANCE_PATH=str(directory),
    )
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "scheduler", "--once"]
    return subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_two_schedulers_send_each_of_1000_due_reminders_exactly_once(
    app, database_url, backend, mail_server, mailbox, alice, load_figures, tmp_path
):
    new_due_reminders(app, alice, REMINDERS, datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=1))
    email = alice.email

    started = time.monotonic()
    schedulers = [start_scheduler(database_url, mail_server.url, tmp_path / f"instance{n}") for n in range(2)]
    outputs = [scheduler.communicate(timeout=RUN_TIMEOUT_S)[0] for scheduler in schedulers]
    elapsed = time.monotonic() - started

    assert [scheduler.returncode for scheduler in schedulers] == [0, 0], outputs
    shares = [tuple(int(n) for n in SENT.search(output).groups()) for output in outputs]
    assert sum(reminders for reminders, _ in shares) == REMINDERS, outputs
    assert sum(emails for _, emails in shares) == REMINDERS, outputs
    mailbox.wait_for(email, count=REMINDERS)
    subjects = [message["Subject"] for message in mailbox.to(email)]
    assert len(subjects) == REMINDERS and len(set(subjects)) == REMINDERS  # "Reminder: Due 0000" to "Due 0999"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Notification)) == REMINDERS
        assert db.session.scalar(db.select(db.func.count()).where(Reminder.sent_at.is_(None))) == 0
    load_figures.append(
        f"scheduler race ({backend}): 2 processes sent {REMINDERS} reminders and {REMINDERS} emails, each once, "
        f"in {elapsed:.1f} s (shares {shares[0][0]}/{shares[1][0]} reminders, {shares[0][1]}/{shares[1][1]} emails)"
    )
