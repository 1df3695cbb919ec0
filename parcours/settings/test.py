"""Test settings: the real PostgreSQL, fast hashing, mail kept in memory."""

import os

os.environ.setdefault("DJANGO_ENV", "test")

# The tests need a database: without DATABASE_URL, start the embedded one (`make test` on a
# machine without PostgreSQL). The other settings start nothing.
from parcours import embedded_db  # noqa: E402

if embedded_db.is_embedded_wanted():
    embedded_db.start_for_process()

from parcours.settings.base import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Undefined template variables are bugs: make them visible in tests.
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "«INVALID %s»"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Figures computed again as soon as their data changed (tests/reports/test_snapshots.py
# sets a tolerance where it tests it).
REPORTS_SNAPSHOT_TOLERANCE = 0
DEMO_SECOND_FACTOR = False  # tests that need it turn it on
# SMS kept in memory (agenda.sms.outbox); the worker test runs a real worker with its own.
AGENDA_SMS_BACKEND = os.environ.get("AGENDA_SMS_BACKEND", "agenda.sms.LocmemBackend")
