"""gunicorn settings; every one can be overridden on the command line or by GUNICORN_CMD_ARGS.

Why gthread with 2 workers x 4 threads (measured with `make bench` and an A/B
of 1, 2 and 4 threads on this 2-core machine, see bench/RESULTS.md):
- Requests are CPU-bound Python, so one process per core (WEB_CONCURRENCY=2)
  uses the machine; more processes only add memory and context switches.
- Threads overlap what a request waits for without the GIL: the fsync of a
  SQLite commit (synchronous=FULL) or a round trip to PostgreSQL. Creating
  tasks ran about twice as fast with 4 threads as with 1; pages that only read
  were within the noise either way.
- Unlike the sync worker, gthread keeps idle keep-alive connections in a
  poller instead of tying up a worker, so hundreds of open connections (the
  256-connection run) cost a file descriptor each, not a process.
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
accesslog = "-"
timeout = 30
# The control socket lives at one fixed path per user, so two servers on one
# machine (two apps, or a benchmark beside the app) would fight over it.
control_socket_disable = True


def when_ready(server):
    for listener in server.LISTENERS:
        server.log.info("Taskboard is ready: open %s/ in your browser", listener)
