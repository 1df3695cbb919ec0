"""Gunicorn settings for production: `gunicorn -c parcours/gunicorn.conf.py parcours.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), as the rest of the
settings. Sync workers: the pages are short database-bound requests; run about two
workers per core, and put a reverse proxy (nginx, the load balancer) in front to buffer
slow clients. See README, "Scaling out".
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = _int("GUNICORN_THREADS", 1)
# A request that takes longer is killed and logged: no page should come near it.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then (memory fragmentation), not all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Load the application before forking: faster start, shared memory pages. Each worker
# opens its own database connections after the fork (Django opens them lazily).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Behind the load balancer: trust its X-Forwarded-* headers (set FORWARDED_ALLOW_IPS to
# its address in production).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The access log: no query string (the desk's searches never go in URLs, but be safe).
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
