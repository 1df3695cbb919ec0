"""Test settings: the real PostgreSQL, fast hashing, mail kept in memory."""

import os

os.environ.setdefault("DJANGO_ENV", "test")

from parcours.settings.base import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Undefined template variables are bugs: make them visible in tests.
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "«INVALID %s»"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# SMS kept in memory (agenda.sms.outbox); the worker test runs a real worker with its own.
AGENDA_SMS_BACKEND = os.environ.get("AGENDA_SMS_BACKEND", "agenda.sms.LocmemBackend")
