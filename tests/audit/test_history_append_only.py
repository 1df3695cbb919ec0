"""The access log and the history tables refuse UPDATE and DELETE (PostgreSQL trigger)."""

import pytest
from django.db import DatabaseError, transaction

from audit.models import AccessLog
from audit.retention import history_write_allowed
from audit.services import log_reads
from people.models import PersonChange
from people.services import update_person
from reception.models import RequestTransition
from tests.factories import UserFactory
from tests.people.factories import PersonFactory
from tests.reception.factories import RequestFactory


def _refused(callable_):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        callable_()


def test_the_access_log_cannot_be_changed_nor_deleted(coordinator_grand_air):
    row = log_reads(coordinator_grand_air, [PersonFactory()], what="Fiche")
    _refused(lambda: AccessLog.objects.filter(pk=row.pk).update(detail="effacé"))
    _refused(lambda: AccessLog.objects.filter(pk=row.pk).delete())
    assert AccessLog.objects.get(pk=row.pk).detail == "Fiche"


def test_a_file_history_cannot_be_rewritten(coordinator_grand_air):
    person = PersonFactory(phone="+33612345678")
    update_person(person, by=coordinator_grand_air, phone="+33712345678")
    change = PersonChange.objects.get(person=person)
    _refused(lambda: PersonChange.objects.filter(pk=change.pk).update(old_value=""))
    _refused(lambda: PersonChange.objects.filter(pk=change.pk).delete())
    transition = RequestTransition.objects.filter(request=RequestFactory()).first()
    _refused(lambda: RequestTransition.objects.filter(pk=transition.pk).update(comment="x"))
    _refused(lambda: RequestTransition.objects.filter(pk=transition.pk).delete())


def test_deleting_an_account_keeps_its_rows_signed_by_name(db):
    user = UserFactory()
    row = log_reads(user, [PersonFactory()], what="Fiche")
    user.delete()  # SET NULL on "who": the only update the trigger lets through
    row.refresh_from_db()
    assert row.actor_id is None and row.actor_label


def test_the_retention_job_alone_may_purge(coordinator_grand_air):
    row = log_reads(coordinator_grand_air, [PersonFactory()], what="Fiche")
    with history_write_allowed():
        AccessLog.objects.filter(pk=row.pk).delete()
    assert not AccessLog.objects.filter(pk=row.pk).exists()
    # The permission ended with its transaction.
    other = log_reads(coordinator_grand_air, [PersonFactory()], what="Fiche")
    _refused(lambda: AccessLog.objects.filter(pk=other.pk).delete())
