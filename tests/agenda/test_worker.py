"""The real Procrastinate worker, and two claimers at once: a message goes out once, and one
interrupted between the provider and the recording is shown, never resent.

The rows must be committed for a second connection (a thread, a worker process) to see them.
Rather than a transactional test (whose flush would empty the reference data of the tests
that follow), the rows are written and removed from a thread, which has its own
autocommitting connection.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import Role
from agenda import messaging, services
from agenda.models import Appointment, AppointmentMessage, MessageStatus
from tests.agenda.factories import PersonFactory, future_slot
from tests.factories import centre, make_user

pytestmark = pytest.mark.django_db


def in_own_connection(function):
    """Run `function` in a thread (its own autocommitting connection); return its result."""
    result, errors = [], []

    def target():
        try:
            result.append(function())
        except Exception as error:  # re-raised in the test's thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0] if result else None


def _committed_booking():
    counsellor = make_user(Role.COUNSELLOR, "grand-air")
    person = PersonFactory(email="", phone="+33611223344")
    appointment = services.book_appointment(
        by=counsellor,
        person=person,
        staff=counsellor,
        centre=centre("grand-air"),
        site=centre("grand-air").sites.order_by("position").first(),
        kind="follow_up",
        starts_at=future_slot(),
        duration=60,
        accept_warnings=True,
    )
    return appointment.pk, person.pk, counsellor.pk


def _cleanup(appointment_pk, person_pk, user_pk):
    from accounts.models import User
    from audit.models import AccessLog
    from people.models import Person

    def clean():
        # The access log and the history tables are append-only but for the retention path.
        from audit.retention import history_write_allowed

        with history_write_allowed():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM procrastinate_jobs")
                cursor.execute("DELETE FROM procrastinate_periodic_defers")
            Appointment.objects.filter(pk=appointment_pk).delete()
            AccessLog.objects.filter(actor_id=user_pk).delete()
            Person.objects.filter(pk=person_pk).delete()
            User.objects.filter(pk=user_pk).delete()

    in_own_connection(clean)


@pytest.fixture
def committed_booking():
    keys = in_own_connection(_committed_booking)
    yield keys
    _cleanup(*keys)


def test_two_concurrent_claimers_send_once(committed_booking):
    appointment_pk = committed_booking[0]
    message_pk = AppointmentMessage.objects.get(appointment_id=appointment_pk).pk
    barrier = threading.Barrier(2)
    results = []

    def claimer():
        try:
            barrier.wait()
            results.append(messaging.claim(message_pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=claimer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([r for r in results if r is not None]) == 1
    message = AppointmentMessage.objects.get(pk=message_pk)
    assert (message.status, message.attempts) == (MessageStatus.SENDING, 1)


def _worker(tmp_path, env_extra):
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "parcours.settings.test",
        "DATABASE_URL": (
            f"postgresql://{database['USER']}:{database.get('PASSWORD') or ''}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "AGENDA_SMS_BACKEND": "tests.agenda.backends.SlowFileBackend",
        "AGENDA_TEST_SMS_FILE": str(tmp_path / "sms.log"),
        "AGENDA_TEST_SENT_MARKER": str(tmp_path / "sent"),
        **env_extra,
    }
    with (tmp_path / "worker.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker", "-q", "agenda", "-p", "0.5"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _job_rows():
    def read():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, status FROM procrastinate_jobs "
                "WHERE task_name = 'agenda.send_appointment_message' ORDER BY id"
            )
            return cursor.fetchall()

    return in_own_connection(read)


def test_kill_9_between_provider_and_record_sends_once_and_shows_it(committed_booking, tmp_path):
    appointment_pk = committed_booking[0]
    sms_file, marker = tmp_path / "sms.log", tmp_path / "sent"

    worker = _worker(tmp_path, {"AGENDA_TEST_SLOW_SECONDS": "120"})
    try:
        assert _wait_for(marker.exists), (tmp_path / "worker.log").read_text()
        # The provider has the SMS; the worker dies before recording it.
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    message = AppointmentMessage.objects.get(appointment_id=appointment_pk)
    assert message.status == MessageStatus.SENDING  # claimed, committed, not recorded

    # The crashed worker's job is put back in the queue (as retry_stalled_jobs does) and a
    # new worker runs it: the message is claimed already, so nothing goes out again.
    [(job_id, status)] = _job_rows()
    assert status == "doing"

    def retry():
        from django.utils import timezone
        from procrastinate.contrib.django import app

        app.job_manager.retry_job_by_id(job_id, retry_at=timezone.now())

    in_own_connection(retry)
    marker.unlink()
    second = _worker(tmp_path, {"AGENDA_TEST_SLOW_SECONDS": "0"})
    try:
        assert _wait_for(lambda: not _job_rows())  # done (successful jobs are deleted)
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=20)
    lines = [json.loads(line) for line in sms_file.read_text().splitlines()]
    assert len(lines) == 1
    assert lines[0]["to"] == "+33611223344"
    assert not marker.exists()

    # Left "sending": shown to administrators as interrupted, never resent.
    from django.utils import timezone

    later = timezone.now() + messaging.INTERRUPTED_AFTER + messaging.INTERRUPTED_AFTER
    assert in_own_connection(lambda: messaging.mark_interrupted(now=later)) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.INTERRUPTED
    assert Path(sms_file).read_text().count("\n") == 1
