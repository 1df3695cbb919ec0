"""People discussed in a coordination meeting: linked to their files, named only to those
who may read the file."""

import pytest
from django.urls import reverse

from audit.models import AccessLog
from people.timeline import timeline_for, timeline_page
from tests.factories import centre
from tests.people.factories import PersonFactory
from tests.test_privacy import NIR
from tests.workshops.factories import MeetingFactory
from workshops.models import MeetingPerson

pytestmark = pytest.mark.django_db


def _people_url(meeting):
    return reverse("workshops:meeting_people", kwargs={"pk": meeting.pk})


def _detail_url(meeting):
    return reverse("workshops:meeting_detail", kwargs={"pk": meeting.pk})


def test_cip_links_people_and_a_coordinator_of_another_centre_never_sees_their_names(
    client, counsellor, coordinator_esperanto, coordinator_grand_air
):
    meeting = MeetingFactory(centre=centre("esperanto"), by=counsellor)
    local = PersonFactory(centre=centre("esperanto"), first_name="Awa", last_name="Traoré")
    outsider = PersonFactory(centre=centre("grand-air"), first_name="Jules", last_name="Vautrin")
    client.force_login(counsellor)

    # The name typed goes in the POST body; the results come from the CIP's people.
    found = client.post(_people_url(meeting), {"q": "Traoré"})
    assert "Awa Traoré" in found.content.decode()
    response = client.post(
        _people_url(meeting),
        {"q": "Traoré", "person": local.pk, "note": "Proposer la séance CV", "link": ""},
    )
    assert response.status_code == 302
    client.post(_people_url(meeting), {"q": "Vautrin", "person": outsider.pk, "link": ""})
    assert MeetingPerson.objects.filter(meeting=meeting).count() == 2
    again = client.post(
        _people_url(meeting), {"person": local.pk, "link": ""}, follow=True
    ).content.decode()
    assert "Action déjà effectuée." in again

    # The CIP serves both centres: she sees both, with links to their files.
    page = client.get(_detail_url(meeting)).content.decode()
    assert reverse("people:file", kwargs={"pk": local.pk}) in page
    assert "Jules Vautrin" in page

    # Espéranto's coordinator sees the meeting, her centre's person, not the other's name.
    client.force_login(coordinator_esperanto)
    page = client.get(_detail_url(meeting)).content.decode()
    assert "Awa Traoré" in page and "Proposer la séance CV" in page
    assert "Vautrin" not in page
    assert reverse("people:file", kwargs={"pk": outsider.pk}) not in page
    assert "1 personne d’un autre centre (fiche non accessible)" in page
    row = AccessLog.objects.filter(actor=coordinator_esperanto).latest("pk")
    assert row.person_ids == [local.pk]

    # The timeline: for whoever sees the meeting and the person's case file.
    titles = [e.title for e in timeline_for(local, coordinator_esperanto)]
    assert any("Évoqué·e en réunion de coordination" in t for t in titles)
    assert not any(
        "réunion de coordination" in e.title for e in timeline_for(outsider, coordinator_grand_air)
    )
    assert any("réunion de coordination" in e.title for e in timeline_for(outsider, counsellor))
    page = timeline_page(local, coordinator_esperanto, size=5)
    assert any(e.kind == "meeting" for e in page.object_list)
    # The meeting of another centre stays out of reach.
    client.force_login(coordinator_grand_air)
    assert client.get(_detail_url(meeting)).status_code == 404


def test_only_people_whose_file_the_author_reads_can_be_linked(
    client, coordinator_esperanto, reception_grand_air
):
    meeting = MeetingFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    outsider = PersonFactory(centre=centre("grand-air"), last_name="Vautrin")
    client.force_login(coordinator_esperanto)
    found = client.post(_people_url(meeting), {"q": "Vautrin"}).content.decode()
    assert "Aucune personne trouvée" in found
    forged = client.post(_people_url(meeting), {"person": outsider.pk, "link": ""})
    assert forged.status_code == 404
    assert not MeetingPerson.objects.exists()
    client.force_login(reception_grand_air)
    assert client.get(_people_url(meeting)).status_code == 403
    client.logout()
    assert client.get(_people_url(meeting)).status_code == 302


def test_a_note_with_a_social_security_number_is_refused_and_kept(client, coordinator_esperanto):
    meeting = MeetingFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    person = PersonFactory(centre=centre("esperanto"), last_name="Traoré")
    client.force_login(coordinator_esperanto)
    response = client.post(
        _people_url(meeting),
        {"q": "Traoré", "person": person.pk, "note": f"NIR {NIR}", "link": ""},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "numéro de sécurité sociale" in text
    assert f'value="NIR {NIR}"' in text
    assert f'aria-describedby="note-{person.pk}-aide note-{person.pk}-erreur"' in text
    assert not MeetingPerson.objects.exists()


def test_unlinking_twice_says_already_done(client, coordinator_esperanto):
    meeting = MeetingFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    person = PersonFactory(centre=centre("esperanto"))
    link = MeetingPerson.objects.create(
        meeting=meeting, person=person, added_by=coordinator_esperanto
    )
    client.force_login(coordinator_esperanto)
    url = reverse("workshops:meeting_person_unlink", kwargs={"pk": link.pk})
    first = client.post(url, {"meeting": meeting.pk}, follow=True)
    assert "Personne retirée de la réunion." in first.content.decode()
    second = client.post(url, {"meeting": meeting.pk}, follow=True)
    assert "Action déjà effectuée." in second.content.decode()


def test_meeting_page_query_count_does_not_grow_with_linked_people(
    client, counsellor, coordinator_esperanto, django_assert_max_num_queries
):
    meeting = MeetingFactory(centre=centre("esperanto"), by=coordinator_esperanto)

    def link(slug):
        MeetingPerson.objects.create(
            meeting=meeting, person=PersonFactory(centre=centre(slug)), added_by=counsellor
        )

    link("esperanto")
    link("grand-air")
    client.force_login(coordinator_esperanto)
    with django_assert_max_num_queries(25) as few:
        assert client.get(_detail_url(meeting)).status_code == 200
    for index in range(18):
        link("esperanto" if index % 2 else "grand-air")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(_detail_url(meeting))
    assert "10 personnes d’un autre centre" in page.content.decode()
