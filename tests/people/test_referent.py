"""Choosing the person's referent: continuity between colleagues of the centre."""

import pytest
from django.urls import reverse

from accounts.models import Role
from audit.models import AccessLog
from people.models import ReferentAssignment
from people.services import assign_referent
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _assign(client, user, person, referent):
    client.force_login(user)
    return client.post(
        reverse("people:referent", kwargs={"pk": person.pk}), {"referent": referent.pk}
    )


def _file(client, user, person):
    client.force_login(user)
    return client.get(reverse("people:file", kwargs={"pk": person.pk})).content.decode()


# ---- The trio: who may, a colleague with fewer rights, an outsider -----------------------


def test_coordinator_of_the_centre_becomes_referent_in_one_click(client, coordinator_grand_air):
    person = PersonFactory()
    content = _file(client, coordinator_grand_air, person)
    assert "Devenir référent·e" in content
    response = _assign(client, coordinator_grand_air, person, coordinator_grand_air)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:file", kwargs={"pk": person.pk})
    person.refresh_from_db()
    assert person.referent == coordinator_grand_air
    content = _file(client, coordinator_grand_air, person)
    assert "Vous êtes désormais référent·e de cette personne." in content
    assert "Devenir référent·e" not in content  # already the referent


def test_reception_agent_of_the_centre_cannot_choose_the_referent(
    client, reception_grand_air, coordinator_grand_air
):
    person = PersonFactory()
    assert "Devenir référent·e" not in _file(client, reception_grand_air, person)
    response = _assign(client, reception_grand_air, person, coordinator_grand_air)
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.referent is None


def test_director_of_the_centre_cannot_choose_the_referent(
    client, director_grand_air, coordinator_grand_air
):
    person = PersonFactory()
    assert _assign(client, director_grand_air, person, coordinator_grand_air).status_code == 403
    assert not ReferentAssignment.objects.exists()


def test_coordinator_of_another_centre_gets_404(client, coordinator_esperanto):
    person = PersonFactory()  # Grand Air
    assert _assign(client, coordinator_esperanto, person, coordinator_esperanto).status_code == 404
    assert not ReferentAssignment.objects.exists()


def test_a_reception_agent_who_coordinates_elsewhere_cannot_choose_here(client):
    from tests.factories import add_membership

    user = make_user(Role.RECEPTION, "grand-air")
    add_membership(user, Role.COORDINATOR, "esperanto")
    person = PersonFactory()  # Grand Air: she sees the file through her reception role only
    assert _assign(client, user, person, user).status_code == 403


# ---- Choosing a colleague ------------------------------------------------------------------


def test_the_cip_designates_a_coordinator_of_the_centre(client, counsellor, coordinator_grand_air):
    person = PersonFactory()
    response = _assign(client, counsellor, person, coordinator_grand_air)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.referent == coordinator_grand_air
    assignment = ReferentAssignment.objects.get()
    assert (assignment.referent, assignment.assigned_by) == (coordinator_grand_air, counsellor)
    log = AccessLog.objects.get(object_id=str(person.pk), action="change")
    assert log.actor == counsellor


def test_only_coordinators_and_cips_of_the_person_centre_are_offered(
    client, coordinator_grand_air, counsellor, reception_grand_air, coordinator_esperanto
):
    person = PersonFactory()
    gone = make_user(Role.COORDINATOR, "grand-air", is_active=False)
    client.force_login(coordinator_grand_air)
    response = client.get(reverse("people:file", kwargs={"pk": person.pk}))
    offered = set(response.context["referent_form"].fields["referent"].queryset)
    assert offered == {coordinator_grand_air, counsellor}
    for refused in (reception_grand_air, coordinator_esperanto, gone):
        response = _assign(client, coordinator_grand_air, person, refused)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Cette personne ne peut pas être référente de cette fiche." in content
        assert "id_referent_error" in content
    person.refresh_from_db()
    assert person.referent is None


def test_an_empty_choice_is_refused_with_the_error_on_the_field(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(reverse("people:referent", kwargs={"pk": person.pk}), {"referent": ""})
    assert response.status_code == 200
    assert "Choisissez la personne référente." in response.content.decode()


def test_choosing_the_current_referent_again_is_already_done(client, coordinator_grand_air):
    person = PersonFactory(referent=coordinator_grand_air)
    response = _assign(client, coordinator_grand_air, person, coordinator_grand_air)
    assert response.status_code == 302
    assert not ReferentAssignment.objects.exists()
    assert "Action déjà effectuée." in _file(client, coordinator_grand_air, person)


def test_get_never_changes_the_referent(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    url = reverse("people:referent", kwargs={"pk": person.pk})
    assert client.get(url, {"referent": coordinator_grand_air.pk}).status_code == 405
    assert not ReferentAssignment.objects.exists()


# ---- The timeline and the summary -----------------------------------------------------------


def test_the_timeline_says_who_designated_whom_and_when(
    client, counsellor, coordinator_grand_air, reception_grand_air
):
    from django.utils import timezone

    coordinator_grand_air.first_name, coordinator_grand_air.last_name = "Karim", "Haddad"
    coordinator_grand_air.save()
    counsellor.first_name, counsellor.last_name = "Claire", "Dubois"
    counsellor.save()
    person = PersonFactory()
    assign_referent(person, coordinator_grand_air, by=counsellor)
    today = timezone.localdate().strftime("%d/%m/%Y")
    expected = f"Référent·e : Karim Haddad, désigné·e par Claire Dubois le {today}"
    # Every reader of the file sees it, reception included (the referent is in the summary).
    for user in (counsellor, reception_grand_air):
        content = _file(client, user, person)
        assert expected in content
        assert "Karim Haddad" in content.split("En bref")[1].split("</dl>")[0]


def test_assign_referent_writes_the_change_and_its_entry_together(
    coordinator_grand_air, counsellor
):
    person = PersonFactory(referent=counsellor)
    assert assign_referent(person, coordinator_grand_air, by=coordinator_grand_air) is True
    person.refresh_from_db()
    assert person.referent == coordinator_grand_air
    assert ReferentAssignment.objects.filter(person=person).count() == 1
    assert assign_referent(person, coordinator_grand_air, by=coordinator_grand_air) is False
    assert ReferentAssignment.objects.filter(person=person).count() == 1


def test_the_cip_may_not_designate_outside_the_person_centre(client, counsellor):
    person = PersonFactory(centre=centre("sfm-montreuil"))
    assert _assign(client, counsellor, person, counsellor).status_code == 404


def test_file_page_costs_the_same_with_2_or_20_colleagues(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    url = reverse("people:file", kwargs={"pk": person.pk})

    def count():
        # A ceiling: each app's file providers add their query (the agenda, two).
        with django_assert_max_num_queries(28) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_user(Role.COUNSELLOR, "grand-air", organisation_slug="epicerie-solidaire-aurore")
    with_two = count()
    for _ in range(18):
        colleague = make_user(Role.COORDINATOR, "grand-air")
        assign_referent(person, colleague, by=coordinator_grand_air)
    assert count() == with_two
