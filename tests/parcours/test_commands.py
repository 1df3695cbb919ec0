"""Entry points: importing the settings starts nothing; `make run` cleans up after a kill -9."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from parcours import run

ROOT = Path(__file__).resolve().parents[2]


def _env_without_database(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="parcours.settings.base",
        DJANGO_ENV="development",
        PARCOURS_PGDATA=str(tmp_path / "pgdata"),
    )
    return env


def test_importing_the_settings_starts_no_database_server(tmp_path):
    env = _env_without_database(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout
    assert not (tmp_path / "pgdata").exists()


def test_a_command_without_database_starts_no_server(tmp_path):
    env = _env_without_database(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "pgdata").exists()


def _started(process, marker):
    """Wait until the child has exec'd (before that, its command line is pytest's)."""
    for _ in range(200):
        try:
            if any(marker in part for part in psutil.Process(process.pid).cmdline()):
                return process
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    raise AssertionError(f"{marker} did not start")


def _orphan():
    """A stand-in for a runserver left behind: leads its own group, says manage.py."""
    return _started(
        subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(120)", "manage.py"],
            start_new_session=True,
        ),
        "manage.py",
    )


def _dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def test_make_run_stops_the_orphans_of_a_killed_run(tmp_path):
    orphans = [_orphan(), _orphan()]
    state = tmp_path / "run.json"
    state.write_text(
        json.dumps({"parent": _dead_pid(), "children": [orphan.pid for orphan in orphans]})
    )
    stopped = run.stop_orphans(state)
    assert sorted(stopped) == sorted(orphan.pid for orphan in orphans)
    for orphan in orphans:
        assert orphan.wait(timeout=10) is not None
    assert not state.exists()


def test_make_run_leaves_other_programs_alone(tmp_path):
    stranger = _started(
        subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True
        ),
        "time.sleep",
    )
    try:
        state = tmp_path / "run.json"
        state.write_text(json.dumps({"parent": _dead_pid(), "children": [stranger.pid]}))
        assert run.stop_orphans(state) == []
        time.sleep(0.2)
        assert stranger.poll() is None
    finally:
        os.killpg(stranger.pid, signal.SIGKILL)
        stranger.wait()


def test_make_run_refuses_while_the_previous_one_is_alive(tmp_path):
    alive = _started(
        subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(120)", "-m", "parcours.run"],
            start_new_session=True,
        ),
        "parcours.run",
    )
    try:
        state = tmp_path / "run.json"
        state.write_text(json.dumps({"parent": alive.pid, "children": []}))
        with pytest.raises(run.AlreadyRunning):
            run.stop_orphans(state)
        assert psutil.pid_exists(alive.pid)
    finally:
        os.killpg(alive.pid, signal.SIGKILL)
        alive.wait()


def test_make_run_refuses_a_port_already_taken():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert not run.port_is_free(taken.getsockname()[1])
