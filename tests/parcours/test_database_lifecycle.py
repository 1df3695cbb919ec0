"""The database outside the test transaction: backup and restore, migrations both ways.

A fresh database is migrated and filled with the reference and demo data by `manage.py`,
as `make run` does, in subprocesses; the tests' own database is left alone.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _url(name: str) -> str:
    s = connection.settings_dict
    host = s["HOST"] or "127.0.0.1"
    if host.startswith("/"):
        return f"postgresql://{s['USER']}@/{name}?host={host}&port={s['PORT']}"
    return f"postgresql://{s['USER']}@{host}:{s['PORT'] or 5432}/{name}"


def _run(args: list[str], url: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "parcours.settings.base",
        "DJANGO_ENV": "development",
        "DEBUG": "1",
    }
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _manage(url: str, *args: str) -> subprocess.CompletedProcess:
    return _run(["manage.py", *args], url)


def _create(name: str) -> str:
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return _url(name)


def _drop(name: str) -> None:
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Per table: row count and a checksum of every row's content (order-independent)."""
    result = {}
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        for table in tables:
            result[table] = conn.execute(
                "SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' "
                f"ORDER BY md5(t::text)), '')) FROM \"{table}\" t"
            ).fetchone()
    return result


@pytest.fixture(scope="module")
def populated(django_db_blocker):
    """A database migrated and filled as `make run` fills it; dropped afterwards."""
    with django_db_blocker.unblock():
        name = f"parcours_lifecycle_{uuid.uuid4().hex[:10]}"
        url = _create(name)
        try:
            _manage(url, "migrate", "--no-input", "-v", "0")
            _manage(url, "load_reference_data")
            _manage(url, "load_demo_data")
            yield name, url
        finally:
            _drop(name)


def test_backup_restores_into_a_fresh_database_with_the_same_rows(
    populated, tmp_path, django_db_blocker
):
    _, source = populated
    dump = tmp_path / "parcours.dump"
    _run(["-m", "parcours.backup", "dump", str(dump)], source)
    with django_db_blocker.unblock():
        fresh = f"parcours_restore_{uuid.uuid4().hex[:10]}"
        target = _create(fresh)
        try:
            assert (
                "Base restaurée"
                in _run(["-m", "parcours.backup", "restore", str(dump)], target).stdout
            )
            before, after = _fingerprint(source), _fingerprint(target)
            assert before == after
            assert before["accounts_user"][0] >= 13
            assert before["people_person"][0] > 0
        finally:
            _drop(fresh)


def test_restore_over_changed_data_brings_the_backup_back(populated, tmp_path, django_db_blocker):
    _, source = populated
    dump = tmp_path / "parcours.dump"
    _run(["-m", "parcours.backup", "dump", str(dump)], source)
    before = _fingerprint(source)
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute("UPDATE accounts_user SET first_name = 'Changé'")
    _run(["-m", "parcours.backup", "restore", str(dump)], source)
    assert _fingerprint(source) == before


def test_restore_without_a_file_says_so(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "parcours.backup", "restore", str(tmp_path / "absent.dump")],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/x"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Fichier de sauvegarde introuvable" in result.stderr


APPS = ["reception", "people", "directory", "notifications", "audit", "organisations", "accounts"]

# Run in one subprocess (one Django start-up): for each app, back one migration then forward
# again, or (with "zero") every app back to zero, then forward again.
MIGRATE_SCRIPT = """
import sys
import django
django.setup()
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader
from django.db import connection

apps = sys.argv[2:]
loader = MigrationLoader(connection)
for app in apps:
    names = sorted(name for label, name in loader.disk_migrations if label == app)
    if sys.argv[1] == "zero":
        target = "zero" if names else None
    else:
        target = names[-2] if len(names) >= 2 else None
    if target:
        call_command("migrate", app, target, interactive=False, verbosity=0)
    if sys.argv[1] == "step":
        call_command("migrate", interactive=False, verbosity=0)
if sys.argv[1] == "zero":
    print(",".join(connection.introspection.table_names()))
"""


def test_migrations_go_back_one_step_and_forward_keeping_the_data(populated):
    _, url = populated
    before = _fingerprint(url)
    _run(["-c", MIGRATE_SCRIPT, "step", *APPS], url)
    after = _fingerprint(url)
    assert set(after) == set(before)
    for table in ("accounts_user", "organisations_centre", "people_person"):
        assert after[table] == before[table], table


def test_migrations_run_backward_to_zero_and_forward_again(populated):
    _, url = populated
    tables = _run(["-c", MIGRATE_SCRIPT, "zero", *APPS], url).stdout.strip().split(",")
    assert "people_person" not in tables
    assert "accounts_user" not in tables
    _manage(url, "migrate", "--no-input", "-v", "0")
    _manage(url, "load_reference_data")
    _manage(url, "load_demo_data")
    assert _fingerprint(url)["people_person"][0] > 0
