"""gunicorn settings; every one can be overridden on the command line or by GUNICORN_CMD_ARGS."""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
accesslog = "-"
timeout = 30


def when_ready(server):
    for listener in server.LISTENERS:
        server.log.info("Taskboard is ready: open %s/ in your browser", listener)
