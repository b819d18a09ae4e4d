"""How long a failed login takes for an unknown email and for a wrong password.

The two should match, so timing does not tell whether an account exists.
Run: .venv/bin/python bench/login_timing.py [rounds]
Interleaves the cases in each round on a fresh SQLite file and prints medians in ms.
"""

import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import flask_migrate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from webapp import create_app, crud
from webapp.config import ProductionConfig

PASSWORD = "correct horse battery"
CASES = {
    "unknown email": ("nobody@example.com", PASSWORD),
    "wrong password": ("alice@example.com", "not the password"),
    "right password": ("alice@example.com", PASSWORD),
}


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TASKBOARD_CONFIG": "testing",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                "RATELIMIT_ENABLED": False,
                # The real argon2 cost: the testing configuration hashes at the lowest one.
                "PASSWORD_HASHING": ProductionConfig.PASSWORD_HASHING,
            }
        )
        with app.app_context():
            flask_migrate.upgrade()
            crud.create_user("alice@example.com", PASSWORD)
        logging.getLogger("taskboard.security").setLevel(logging.ERROR)  # the failures are the point
        timings = {name: [] for name in CASES}
        for _ in range(rounds):
            for name, (email, password) in CASES.items():
                client = app.test_client()
                started = time.perf_counter()
                client.post("/login", data={"email": email, "password": password})
                timings[name].append((time.perf_counter() - started) * 1000)
    for name, values in timings.items():
        print(f"{name:15} median {statistics.median(values):6.1f} ms  (n={len(values)})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
