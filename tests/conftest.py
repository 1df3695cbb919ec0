import inspect
import json

import pytest
from django.core import mail
from django.test import Client

from accounts.models import Role
from organisations.reference import load_reference_data
from parcours.permissions import needs_second_factor
from tests.factories import make_user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the City of Montreuil's reference data."""
    with django_db_blocker.unblock():
        load_reference_data()


class VerifiedClient(Client):
    """The test client whose force_login also passes the second factor.

    Users who need one (parcours.permissions.needs_second_factor) get a confirmed
    authenticator app and a verified session, as after typing its code. Pass
    `verified=False` to test the second factor itself.
    """

    def force_login(self, user, backend=None, verified=True):
        super().force_login(user, backend)
        if verified and needs_second_factor(user):
            mark_verified(self, user)


def mark_verified(client, user):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Téléphone de test")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def client():
    return VerifiedClient()


@pytest.fixture(autouse=True)
def _fresh_outbox_and_cache():
    """Each test starts with no e-mail sent and no rate-limit counter."""
    from django.core.cache import cache

    mail.outbox = []
    cache.clear()


@pytest.fixture
def reception_grand_air(db):
    return make_user(Role.RECEPTION, "grand-air")


@pytest.fixture
def coordinator_grand_air(db):
    return make_user(Role.COORDINATOR, "grand-air")


@pytest.fixture
def coordinator_esperanto(db):
    return make_user(Role.COORDINATOR, "esperanto")


@pytest.fixture
def counsellor(db):
    """The CIP of Aurore's social grocery: one membership in each municipal centre."""
    from tests.factories import add_membership

    user = make_user(Role.COUNSELLOR, "grand-air")
    for slug in ("esperanto", "lounes-matoub"):
        add_membership(user, Role.COUNSELLOR, slug, "epicerie-solidaire-aurore")
    return user


@pytest.fixture
def director_grand_air(db):
    return make_user(Role.DIRECTOR, "grand-air")


@pytest.fixture
def steering(db):
    return make_user(Role.STEERING)


@pytest.fixture
def partner_mission_locale(db):
    return make_user(Role.PARTNER, organisation_slug="mission-locale")


@pytest.fixture
def administrator(db):
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def moderator(db):
    return make_user(Role.MODERATOR)


@pytest.fixture
def run_worker(db):
    """Run the jobs deferred so far, in this thread and this transaction.

    Jobs are real rows of Procrastinate's queue, written in the test's transaction;
    each is run through its task and removed. (The real worker runs sync tasks in a
    pool thread with its own connection, which cannot see an uncommitted test
    transaction; `make run` runs it.)
    """
    from django.db import connection
    from procrastinate.contrib.django import app

    def run(queues=None):
        done = 0
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id, task_name, args, queue_name FROM procrastinate_jobs "
                    "WHERE status = 'todo' ORDER BY id LIMIT 1"
                )
                row = cursor.fetchone()
            if row is None or (queues and row[3] not in queues):
                return done
            job_id, task_name, args, _ = row
            if isinstance(args, str):
                args = json.loads(args)
            task = app.tasks[task_name]
            # Async maintenance jobs (retry_stalled_jobs) deferred by a real worker that an
            # earlier test ran need the worker's event loop: not this fixture's business.
            if not inspect.iscoroutinefunction(task.func):
                task(**args)
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM procrastinate_jobs WHERE id = %s", [job_id])
            done += 1

    return run
