"""Settings of a real worker started by a test: the test settings, with e-mails and SMS
written to files the test reads (folders given in the environment)."""

import os

from parcours.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["AGENDA_TEST_EMAIL_DIR"]
AGENDA_SMS_BACKEND = "agenda.sms.FileBackend"
AGENDA_SMS_FILE_PATH = os.environ["AGENDA_TEST_SMS_DIR"]
