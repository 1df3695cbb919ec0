"""An administrator reads a file's access history; unusual reading is flagged to them."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import UnusualReadingAlert
from audit.services import log_reads
from audit.tasks import flag_unusual_reading
from tests.people.factories import PersonFactory

URL = reverse("audit:person_access")


def test_administrator_sees_who_opened_a_file_without_its_content(
    client, administrator, coordinator_grand_air
):
    person = PersonFactory(last_name="Zerbib")
    client.force_login(coordinator_grand_air)
    client.get(reverse("people:file", kwargs={"pk": person.pk}))
    client.force_login(administrator)
    response = client.get(URL, {"fiche": person.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert coordinator_grand_air.email in page
    assert "Fiche" in page
    assert "Zerbib" not in page  # the administrator holds no person scope


def test_history_page_costs_the_same_with_many_rows(
    client, administrator, coordinator_grand_air, django_assert_max_num_queries
):
    person = PersonFactory()
    client.force_login(administrator)
    for count in (2, 60):
        for _ in range(count):
            log_reads(coordinator_grand_air, [person], what="Fiche")
        with django_assert_max_num_queries(9):
            assert client.get(URL, {"fiche": person.pk}).status_code == 200


def test_a_wrong_file_number_is_said_next_to_the_field(client, administrator):
    client.force_login(administrator)
    response = client.get(URL, {"fiche": "abc"})
    assert response.status_code == 200
    assert "Saisissez un nombre entier" in response.content.decode()


def test_one_account_opening_many_files_in_an_hour_is_flagged_once(
    db, settings, administrator, counsellor, run_worker
):
    settings.AUDIT_UNUSUAL_READS_PER_HOUR = 5
    for _ in range(6):
        log_reads(counsellor, [PersonFactory()], what="Fiche")
    assert flag_unusual_reading() == 1
    assert flag_unusual_reading() == 0  # once per account and hour
    run_worker()
    assert [m.to for m in mail.outbox] == [[administrator.email]]
    assert "6 dossiers" in mail.outbox[0].body
    assert counsellor.email in mail.outbox[0].body
    assert UnusualReadingAlert.objects.get().files == 6


def test_normal_reading_is_not_flagged(db, settings, counsellor):
    settings.AUDIT_UNUSUAL_READS_PER_HOUR = 5
    person = PersonFactory()
    for _ in range(20):  # the same file twenty times is one file
        log_reads(counsellor, [person], what="Fiche")
    assert flag_unusual_reading(now=timezone.now() + datetime.timedelta(minutes=1)) == 0


def test_appearing_in_lists_is_not_opening_files(db, settings, reception_grand_air):
    settings.AUDIT_UNUSUAL_READS_PER_HOUR = 5
    log_reads(reception_grand_air, [PersonFactory() for _ in range(20)], what="Résultats")
    assert flag_unusual_reading() == 0


def test_reading_a_history_is_itself_logged(client, administrator):
    person = PersonFactory()
    client.force_login(administrator)
    client.get(URL, {"fiche": person.pk})
    from audit.models import AccessLog

    assert AccessLog.objects.filter(actor=administrator, person_ids=[person.pk]).exists()
