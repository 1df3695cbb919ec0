"""Two people editing one file: the second save is refused with what changed meanwhile."""

from django.urls import reverse

from people.models import Person
from tests.factories import centre
from tests.people.factories import PersonFactory


def _identity_form(person, **changes):
    data = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "birth_date": person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "",
        "phone": "",
        "centre": centre("grand-air").pk,
        "version": person.version,
    }
    data.update(changes)
    return data


def test_the_second_identity_save_is_refused_and_names_the_change(
    client, reception_grand_air, coordinator_grand_air
):
    person = PersonFactory(address="")
    url = reverse("people:edit", kwargs={"pk": person.pk})
    shown_to_both = _identity_form(person)

    client.force_login(coordinator_grand_air)
    assert client.post(url, {**shown_to_both, "address": "3 rue de Paris"}).status_code == 302

    client.force_login(reception_grand_air)
    response = client.post(url, {**shown_to_both, "address": "8 avenue Pasteur"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cette fiche a été modifiée par" in page
    assert coordinator_grand_air.get_full_name() in page
    assert "Adresse" in page
    assert "8 avenue Pasteur" in page  # what the user typed is kept
    assert Person.objects.get(pk=person.pk).address == "3 rue de Paris"

    # Saving again, knowingly, goes through.
    confirmed = {**shown_to_both, "address": "8 avenue Pasteur", "version": person.version + 1}
    assert client.post(url, confirmed).status_code == 302
    assert Person.objects.get(pk=person.pk).address == "8 avenue Pasteur"


def test_the_second_situation_save_is_refused(client, coordinator_grand_air, counsellor):
    person = PersonFactory()
    url = reverse("people:situation", kwargs={"pk": person.pk})
    version = person.version
    client.force_login(coordinator_grand_air)
    client.post(url, {"housing": "independent", "version": version})
    client.force_login(counsellor)
    response = client.post(url, {"housing": "hosted", "version": version})
    assert "Cette fiche a été modifiée par" in response.content.decode()
    assert Person.objects.get(pk=person.pk).housing != "hosted"


def test_the_edit_form_carries_the_version(client, reception_grand_air):
    person = PersonFactory()
    client.force_login(reception_grand_air)
    page = client.get(reverse("people:edit", kwargs={"pk": person.pk})).content.decode()
    assert f'name="version" value="{person.version}"' in page
