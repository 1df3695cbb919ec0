import datetime

import pytest
from django.urls import reverse

from audit.models import AccessLog
from people.merging import MergeError, foreign_keys_to_person, merge_persons
from people.models import Note, Person, PersonMerge, SharingConsent
from tests.factories import centre
from tests.people.factories import NoteFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_every_foreign_key_to_person_is_found_including_other_apps():
    labels = {f"{field.model._meta.label_lower}.{field.name}" for field in foreign_keys_to_person()}
    assert {
        "people.note.person",
        "people.sharingconsent.person",
        "people.person.merged_into",
    } <= labels
    assert "people.personmerge.merged" not in labels


def test_merge_moves_every_row_and_keeps_both_identities(coordinator_grand_air):
    kept = PersonFactory(first_name="Élodie", last_name="N'Diaye", phone="")
    merged = PersonFactory(first_name="Elodie", last_name="Ndiaye", phone="+33612345678")
    NoteFactory(person=kept)
    NoteFactory.create_batch(2, person=merged)
    from organisations.models import Organisation

    SharingConsent.objects.create(
        person=merged,
        partner=Organisation.objects.filter(is_partner=True).first(),
        shared=["identity"],
        agreed_on=datetime.date(2026, 1, 5),
    )
    older = PersonFactory(merged_into=merged)

    record = merge_persons(kept, merged, take_from_merged=["phone"], by=coordinator_grand_air)

    kept.refresh_from_db()
    merged.refresh_from_db()
    assert str(kept.phone) == "06 12 34 56 78"
    assert kept.first_name == "Élodie"
    assert merged.merged_into == kept
    assert merged.first_name == "Elodie"  # the merged file keeps its own identity
    assert Note.objects.filter(person=kept).count() == 3
    assert SharingConsent.objects.get().person == kept
    assert Person.objects.get(pk=older.pk).merged_into == kept
    assert record.moved_rows == {"people.note": 2, "people.sharingconsent": 1, "people.person": 1}
    assert record.merged_identity["first_name"] == "Elodie"
    assert AccessLog.objects.filter(action="change", detail__startswith="Fusion").count() == 2


def test_merging_twice_is_refused_politely(coordinator_grand_air):
    kept, merged = PersonFactory(), PersonFactory()
    merge_persons(kept, merged, take_from_merged=[], by=coordinator_grand_air)
    with pytest.raises(MergeError, match="déjà"):
        merge_persons(kept, merged, take_from_merged=[], by=coordinator_grand_air)


def test_coordinator_merges_from_the_comparison_screen(client, coordinator_grand_air):
    kept = PersonFactory(first_name="Élodie", last_name="N'Diaye", birth_date=None)
    merged = PersonFactory(
        first_name="Élodie", last_name="Ndiaye", birth_date=datetime.date(1990, 4, 3)
    )
    client.force_login(coordinator_grand_air)
    url = reverse("people:merge", kwargs={"pk": kept.pk, "other_pk": merged.pk})
    page = client.get(url).content.decode()
    assert "03/04/1990" in page
    response = client.post(url, {"field_birth_date": "merged", "field_last_name": "kept"})
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.birth_date == datetime.date(1990, 4, 3)
    assert kept.last_name == "N'Diaye"
    assert PersonMerge.objects.get().chosen_from_merged == ["birth_date"]
    timeline = client.get(reverse("people:file", kwargs={"pk": kept.pk})).content.decode()
    assert f"Fiche n° {merged.pk} fusionnée dans cette fiche" in timeline


def test_reception_agent_cannot_merge(client, reception_grand_air):
    kept, merged = PersonFactory(), PersonFactory()
    client.force_login(reception_grand_air)
    url = reverse("people:merge", kwargs={"pk": kept.pk, "other_pk": merged.pk})
    assert client.post(url).status_code == 403
    assert not Person.objects.filter(merged_into__isnull=False).exists()


def test_coordinator_cannot_merge_a_file_of_another_centre(client, coordinator_grand_air):
    kept, merged = PersonFactory(), PersonFactory(centre=centre("esperanto"))
    client.force_login(coordinator_grand_air)
    url = reverse("people:merge", kwargs={"pk": kept.pk, "other_pk": merged.pk})
    assert client.post(url).status_code == 404
    assert not Person.objects.filter(merged_into__isnull=False).exists()


def test_merge_choice_lists_likely_duplicates(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    person = PersonFactory(elodie=True)
    twin = PersonFactory(elodie=True)
    client.force_login(coordinator_grand_air)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("people:merge_choose", kwargs={"pk": person.pk})).content.decode()
    assert reverse("people:merge", kwargs={"pk": person.pk, "other_pk": twin.pk}) in page
