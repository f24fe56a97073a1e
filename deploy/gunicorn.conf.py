"""Gunicorn settings for Qogam's web process.

    gunicorn --config deploy/gunicorn.conf.py

Each value comes from the environment, with a default for one machine; docs/deployment.md
explains them. Web processes keep no state of their own (sessions and files are in PostgreSQL,
Redis and object storage), so any number of them on any number of machines serve the same site.
"""

import multiprocessing
import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


wsgi_app = "qogam.wsgi:application"

# Where to listen: GUNICORN_BIND (e.g. "unix:/run/qogam/web.sock" or "0.0.0.0:8000"), else the
# PORT a platform gives (Procfile runners), else the loopback for an nginx on the same machine.
bind = [
    os.environ.get("GUNICORN_BIND")
    or (f"0.0.0.0:{os.environ['PORT']}" if os.environ.get("PORT") else "127.0.0.1:8000")
]

# Processes: WEB_CONCURRENCY, else two per CPU plus one. Each holds its own database
# connection (CONN_MAX_AGE), so workers x threads x machines stays under PostgreSQL's
# max_connections.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)

# A request that takes longer is killed and logged; reports and imports run in the worker
# process (TASKS_BACKEND=database), not in a request.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle each process after a number of requests, staggered, to bound slow memory growth.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# Each worker imports the app itself: a restart loads new code, and no connection or file
# handle opened at import is shared between processes.
preload_app = False

# Logs go to standard output and error, where systemd's journal or the platform collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The proxy's address, whose X-Forwarded-* headers gunicorn trusts (comma-separated, or "*"
# when only the load balancer can reach this port).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket file under $HOME: systemd or the platform manages the processes.
control_socket_disable = True
# The workers' heartbeat files in memory, not on a disk that may stall. Gunicorn makes each
# one with mkstemp (private, unguessable name), so a shared folder is safe.
_SHM = "/dev/shm"  # noqa: S108 -- see above
if Path(_SHM).is_dir():
    worker_tmp_dir = _SHM
