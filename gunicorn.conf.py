"""gunicorn settings; every one can be overridden on the command line or by GUNICORN_CMD_ARGS."""

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
