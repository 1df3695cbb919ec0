import pytest
from django.urls import reverse

from audit.models import AccessLog
from people.models import NoteVisibility
from people.timeline import TimelineEntry, register_timeline_provider, timeline_for
from tests.people.factories import NoteFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _file(client, user, person):
    client.force_login(user)
    return client.get(reverse("people:file", kwargs={"pk": person.pk}))


def test_coordinator_reads_the_file_of_a_person_of_her_centre(client, coordinator_grand_air):
    person = PersonFactory(elodie=True)
    NoteFactory(person=person, text="Cherche un emploi dans la restauration.")
    response = _file(client, coordinator_grand_air, person)
    content = response.content.decode()
    assert response.status_code == 200
    assert "N&#x27;DIAYE Élodie" in content
    assert "Cherche un emploi dans la restauration." in content
    assert "Ajouter une note" in content


def test_reception_agent_sees_identity_but_not_notes_nor_consents(client, reception_grand_air):
    person = PersonFactory(elodie=True)
    NoteFactory(person=person, text="Cherche un emploi dans la restauration.")
    content = _file(client, reception_grand_air, person).content.decode()
    assert "06 12 34 56 78" in content
    assert "Cherche un emploi" not in content
    assert "Ajouter une note" not in content
    assert "Accords de partage" not in content
    assert "INVALID" not in content


def test_coordinator_of_another_centre_gets_404(client, coordinator_esperanto):
    person = PersonFactory(elodie=True)
    assert _file(client, coordinator_esperanto, person).status_code == 404


def test_the_cip_reads_files_of_every_centre_she_serves(client, counsellor):
    from tests.factories import centre

    for slug in ("grand-air", "esperanto", "lounes-matoub"):
        assert _file(client, counsellor, PersonFactory(centre=centre(slug))).status_code == 200
    assert (
        _file(client, counsellor, PersonFactory(centre=centre("sfm-montreuil"))).status_code == 404
    )


def test_director_does_not_open_files(client, director_grand_air):
    assert _file(client, director_grand_air, PersonFactory()).status_code == 403


def test_every_read_of_a_file_is_logged(client, reception_grand_air):
    person = PersonFactory()
    _file(client, reception_grand_air, person)
    _file(client, reception_grand_air, person)
    logs = AccessLog.objects.filter(object_type="people.person", object_id=str(person.pk))
    assert logs.count() == 2
    assert {log.actor for log in logs} == {reception_grand_air}
    assert {log.action for log in logs} == {"read"}


def test_a_refused_read_is_not_logged_as_a_read(client, coordinator_esperanto):
    person = PersonFactory()
    _file(client, coordinator_esperanto, person)
    assert not AccessLog.objects.filter(object_id=str(person.pk)).exists()


def test_a_note_for_the_author_alone_is_hidden_from_her_colleagues(
    client, coordinator_grand_air, counsellor
):
    person = PersonFactory()
    NoteFactory(
        person=person,
        author=coordinator_grand_air,
        visibility=NoteVisibility.AUTHOR,
        text="Mémo perso",
    )
    NoteFactory(person=person, visibility=NoteVisibility.TEAM, text="Note d’équipe")
    assert "Mémo perso" in _file(client, coordinator_grand_air, person).content.decode()
    content = _file(client, counsellor, person).content.decode()
    assert "Mémo perso" not in content
    assert "Note d’équipe" in content


def test_timeline_is_newest_first_and_paginated(client, coordinator_grand_air):
    person = PersonFactory()
    for number in range(25):
        NoteFactory(person=person, text=f"Note numéro {number}")
    client.force_login(coordinator_grand_air)
    url = reverse("people:file", kwargs={"pk": person.pk})
    first = client.get(url).content.decode()
    assert first.index("Note numéro 24") < first.index("Note numéro 23")
    assert "Note numéro 4" not in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Note numéro 4" in second
    assert "Fiche créée" in second


def test_other_apps_add_entries_through_the_registry(coordinator_grand_air):
    import datetime

    person = PersonFactory()
    entry = TimelineEntry(datetime.date(2030, 1, 1), "visit", "Passage à l’accueil")
    register_timeline_provider("tests.visits", lambda person, user: [entry])
    try:
        assert timeline_for(person, coordinator_grand_air)[0] == entry
    finally:
        from people import timeline

        timeline._timeline_providers.pop("tests.visits")


# The file page: +1 query for the contact requests on the timeline, +1 for the unread counter.
def _file_queries(client, person, django_assert_max_num_queries):
    # A ceiling, not the point: each app's providers add one query each (the agenda: the
    # next appointment and the appointments' history); the test below is about constancy.
    with django_assert_max_num_queries(28) as captured:
        response = client.get(reverse("people:file", kwargs={"pk": person.pk}))
    assert response.status_code == 200
    return len(captured)


def test_file_page_costs_the_same_with_10_or_1000_notes(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    NoteFactory.create_batch(10, person=person, author=coordinator_grand_air)
    with_ten = _file_queries(client, person, django_assert_max_num_queries)
    NoteFactory.create_batch(990, person=person, author=coordinator_grand_air)
    assert _file_queries(client, person, django_assert_max_num_queries) == with_ten


def test_a_merged_file_leads_to_the_file_it_was_merged_into(client, coordinator_grand_air):
    kept = PersonFactory()
    merged = PersonFactory(merged_into=kept)
    response = _file(client, coordinator_grand_air, merged)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:file", kwargs={"pk": kept.pk})
