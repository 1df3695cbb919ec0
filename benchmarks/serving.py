"""Throughput of the public centre page under gunicorn, against the minimal view.

A real gunicorn (the production config, 2 sync workers) on the loopback, on the large base,
with `BENCH_CLIENTS` concurrent clients (processes) for `BENCH_SECONDS` per measure; the
root redirect and the centre page alternate, twice each, the median is kept.
"""

import http.client
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _client(port, path, headers, seconds, counter):
    deadline = time.perf_counter() + seconds
    done = errors = 0
    while time.perf_counter() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status < 400:
                done += 1
            else:
                errors += 1
        except OSError:
            errors += 1
        finally:
            connection.close()
    with counter.get_lock():
        counter.value += done


def _throughput(port, path, headers, clients, seconds) -> float:
    counter = multiprocessing.Value("i", 0)
    processes = [
        multiprocessing.Process(target=_client, args=(port, path, headers, seconds, counter))
        for _ in range(clients)
    ]
    start = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return counter.value / (time.perf_counter() - start)


def _wait(port, process, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped; see its output above")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def _reachable(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def public_throughput(database_url: str, centre_path: str, log) -> dict:
    clients = int(os.environ.get("BENCH_CLIENTS", "8"))
    seconds = float(os.environ.get("BENCH_SECONDS", "4"))
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "parcours.settings.base",
        "DEBUG": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": os.environ.get("BENCH_WORKERS", "2"),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    if _reachable(redis_url):
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
        subprocess.run(
            [sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True
        )
    log(f"  cache : {'Redis' if env.get('REDIS_URL') else 'PostgreSQL'}")
    command = [sys.executable, "-m", "gunicorn", "-c", "parcours/gunicorn.conf.py"]
    server = subprocess.Popen([*command, "parcours.wsgi"], cwd=ROOT, env=env)
    try:
        _wait(port, server)
        # The first request renders and keeps the page; the ETag for revalidations.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", centre_path)
        first = connection.getresponse()
        first.read()
        etag = first.getheader("ETag") or ""
        connection.close()
        cases = {
            "minimal": ("/", {}),
            "public_centre": (centre_path, {}),
            "public_centre_revalidated": (centre_path, {"If-None-Match": etag}),
        }
        results = {name: [] for name in cases}
        for _ in range(2):
            for name, (path, headers) in cases.items():
                results[name].append(_throughput(port, path, headers, clients, seconds))
                log(f"  {name}: {results[name][-1]:.0f} requêtes/s")
    finally:
        server.terminate()
        server.wait(timeout=30)
    rates = {name: round(statistics.median(values), 1) for name, values in results.items()}
    return {
        "clients": clients,
        "seconds": seconds,
        "workers": int(env["GUNICORN_WORKERS"]),
        "requests_per_second": rates,
        "ratio": round(rates["public_centre"] / rates["minimal"], 2),
        "ratio_revalidated": round(rates["public_centre_revalidated"] / rates["minimal"], 2),
        "cache": "redis" if env.get("REDIS_URL") else "postgresql",
    }
