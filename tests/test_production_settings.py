"""Production serving settings come from the environment: pool, Redis, replica."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _settings(**env) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "d = settings.DATABASES; print(json.dumps({'pool': d['default'].get('OPTIONS', {})"
        ".get('pool'), 'max_age': d['default']['CONN_MAX_AGE'], 'replica': 'replica' in d,"
        "'cache': settings.CACHES['default']['BACKEND'], 'session': settings.SESSION_ENGINE}))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "parcours.settings.base",
        "DATABASE_URL": "postgresql://u@127.0.0.1:5432/x",
        **env,
    }
    for name in ("DATABASE_POOL", "REDIS_URL", "DATABASE_REPLICA_URL"):
        if name not in env:
            environment.pop(name, None)
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    import json

    return json.loads(output.stdout)


def test_defaults_one_database_postgresql_cache_database_sessions():
    found = _settings()
    assert found["pool"] is None and found["replica"] is False
    assert found["cache"].endswith("DatabaseCache")
    assert found["session"] == "django.contrib.sessions.backends.db"


def test_pool_redis_and_replica_from_the_environment():
    found = _settings(
        DATABASE_POOL="1",
        DATABASE_POOL_MAX_SIZE="20",
        REDIS_URL="redis://127.0.0.1:6379/1",
        DATABASE_REPLICA_URL="postgresql://u@replica:5432/x",
    )
    assert found["pool"] == {"min_size": 2, "max_size": 20, "timeout": 10}
    assert found["max_age"] == 0  # the pool keeps the connections, Django does not
    assert found["replica"] is True
    assert found["cache"].endswith("RedisCache")
    assert found["session"] == "django.contrib.sessions.backends.cached_db"
