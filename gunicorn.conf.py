"""gunicorn settings; every one can be overridden on the command line or by GUNICORN_CMD_ARGS.

Why 2 sync workers (measured on this 2-core machine with wrk on 127.0.0.1, the
list, task, create and mixed cases of `make bench`, see bench/RESULTS.md):
- Requests are CPU-bound Python, so one process per core (WEB_CONCURRENCY=2)
  uses the machine; more processes only add memory and context switches.
- A sync worker takes a connection only when it is free, so requests spread
  evenly over the workers. The threaded worker (gthread) keeps keep-alive
  connections with the worker that accepted them, and whichever worker won
  the accept race often got all of a client's connections: in 2 of 8 runs one
  worker held all 32 and the other idled, halving throughput for the whole run.
- SQLite takes one writer at a time: 2 single-threaded workers wait for its
  write lock less than 8 threads did (creating tasks: 285 req/s with a p99 of
  0.2 s, against 250 req/s and 0.6-0.9 s with 2 workers x 4 threads).
- The sync worker expects a buffering reverse proxy in front (nginx, Caddy, as
  the README's production setup has), which absorbs slow clients; it answers
  every request with "Connection: close".
"""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
accesslog = "-"
timeout = 30
# The longest request line gunicorn reads, its own maximum (and nginx's default buffer, 8 KB):
# every URL up to it reaches the app, which answers it (in JSON under /api/). A longer line is
# refused by gunicorn itself, before the app sees it, with a "414 URI Too Long" HTML page.
limit_request_line = 8190
# The control socket lives at one fixed path per user, so two servers on one
# machine (two apps, or a benchmark beside the app) would fight over it.
control_socket_disable = True


def when_ready(server):
    for listener in server.LISTENERS:
        server.log.info("Taskboard is ready: open %s/ in your browser", listener)
