import datetime

import pytest
from django.urls import reverse

from people.models import Person
from people.selectors import STRONG, WARNING, WEAK, likely_duplicates
from tests.factories import centre
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _post(client, user, **extra):
    data = {
        "last_name": "N'Diaye",
        "first_name": "Élodie",
        "birth_date": "03/04/1990",
        "phone": "06 12 34 56 78",
        "centre": centre("grand-air").pk,
        **extra,
    }
    client.force_login(user)
    return client.post(reverse("people:register"), data)


def test_reception_agent_registers_a_new_person(client, reception_grand_air):
    response = _post(client, reception_grand_air)
    person = Person.objects.get()
    assert response["Location"] == reverse("people:file", kwargs={"pk": person.pk})
    assert person.search_name == "elodie ndiaye"
    assert str(person.phone) == "06 12 34 56 78"
    assert person.birth_date == datetime.date(1990, 4, 3)
    assert person.created_by == reception_grand_air


def test_likely_duplicates_are_shown_before_registering(client, reception_grand_air):
    existing = PersonFactory(elodie=True)
    response = _post(client, reception_grand_air, phone="")
    content = response.content.decode()
    assert response.status_code == 200
    assert Person.objects.count() == 1
    assert "Cette personne a peut-être déjà une fiche" in content
    assert "Même nom et même date de naissance" in content
    assert reverse("people:file", kwargs={"pk": existing.pk}) in content
    # The agent checked: it is someone else.
    response = _post(client, reception_grand_air, phone="", confirm_distinct="on")
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_duplicates_are_graded(coordinator_grand_air):
    strong = PersonFactory(elodie=True)
    same_phone = PersonFactory(first_name="Awa", last_name="Traoré", phone="+33611111111")
    weak = PersonFactory(
        first_name="Elodi", last_name="Ndiay", birth_date=datetime.date(1970, 1, 1)
    )
    found = likely_duplicates(
        coordinator_grand_air,
        first_name="élodie",
        last_name="NDIAYE",
        birth_date=datetime.date(1990, 4, 3),
        phone="+33611111111",
    )
    assert [(d.person, d.level) for d in found] == [
        (strong, STRONG),
        (same_phone, WARNING),
        (weak, WEAK),
    ]


def test_duplicates_of_another_centre_are_not_disclosed(coordinator_esperanto):
    PersonFactory(elodie=True)
    found = likely_duplicates(
        coordinator_esperanto, first_name="Élodie", last_name="N'Diaye", birth_date=None
    )
    assert found == []


def test_an_invalid_phone_is_refused_and_what_was_typed_is_kept(client, reception_grand_air):
    response = _post(client, reception_grand_air, phone="06 12")
    content = response.content.decode()
    assert Person.objects.count() == 0
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in content
    assert 'value="0612"' in content  # the widget drops the spaces
    assert 'value="N&#x27;Diaye"' in content


def test_registration_is_only_in_the_agent_own_centres(client, reception_grand_air):
    _post(client, reception_grand_air, centre=centre("esperanto").pk)
    assert Person.objects.count() == 0


def test_identity_fields_follow_the_cnil_referential(client, reception_grand_air):
    client.force_login(reception_grand_air)
    content = client.get(reverse("people:register")).content.decode()
    assert "sécurité sociale" in content  # only to say it is not collected
    assert 'name="nir"' not in content
    assert "Hors Union européenne" in content


def test_editing_the_identity_refreshes_the_search_name(client, reception_grand_air):
    person = PersonFactory(elodie=True)
    client.force_login(reception_grand_air)
    response = client.post(
        reverse("people:edit", kwargs={"pk": person.pk}),
        {"last_name": "Diallo", "first_name": "Élodie", "centre": person.centre_id, "phone": ""},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.search_name == "elodie diallo"


def test_editing_a_file_of_another_centre_is_404(client, coordinator_esperanto):
    person = PersonFactory()
    client.force_login(coordinator_esperanto)
    assert client.get(reverse("people:edit", kwargs={"pk": person.pk})).status_code == 404


# ---- A file of the same person in another centre: a neutral warning, nothing more ----------

ELSEWHERE_WARNING = (
    "Une fiche au même nom et à la même date de naissance existe dans un autre centre social. "
    "Avant d’inscrire la personne, rapprochez-vous de votre coordinateur·rice : "
    "les deux fiches pourront être fusionnées."
)


def _elodie_at_esperanto(**extra):
    return PersonFactory(
        elodie=True,
        centre=centre("esperanto"),
        birth_name="Kane",
        phone="+33698765432",
        email="elodie.kane@exemple.fr",
        address="12 rue Émile-Zola",
        postal_code="93100",
        city="Montreuil",
        file_reference="ESP-0042",
        **extra,
    )


def test_a_same_file_in_another_centre_gives_a_neutral_warning_only(client, reception_grand_air):
    other = _elodie_at_esperanto()
    response = _post(client, reception_grand_air, phone="")
    content = response.content.decode()
    assert response.status_code == 200
    assert Person.objects.count() == 1
    assert ELSEWHERE_WARNING in content
    # Nothing that identifies the other file: not its centre, number, link or any field.
    assert response.context["duplicates"] == []
    assert response.context["elsewhere"] is True
    for detail in (
        other.centre.name,
        "Espéranto",
        "sperant",
        reverse("people:file", kwargs={"pk": other.pk}),
        f"n° {other.pk}",
        "Kane",
        "98 76 54 32",
        "698765432",
        "elodie.kane",
        "Émile-Zola",
        "Zola",
        "93100",
        "ESP-0042",
        "Même nom et même date de naissance",
    ):
        assert detail not in content, detail
    # What the agent typed is kept; she may still create the file after checking.
    assert 'value="N&#x27;Diaye"' in content
    response = _post(client, reception_grand_air, phone="", confirm_distinct="on")
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_the_check_elsewhere_matches_names_in_either_order_and_any_spelling(
    client, reception_grand_air
):
    _elodie_at_esperanto()
    response = _post(client, reception_grand_air, first_name="NDIAYE", last_name="elodie")
    assert ELSEWHERE_WARNING in response.content.decode()
    assert Person.objects.count() == 1


def test_no_warning_for_another_birth_date_or_another_name(client, reception_grand_air):
    _elodie_at_esperanto()
    response = _post(client, reception_grand_air, birth_date="04/03/1990")
    assert response.status_code == 302
    Person.objects.filter(centre=centre("grand-air")).delete()
    response = _post(client, reception_grand_air, first_name="Awa", last_name="Ndiaye")
    assert response.status_code == 302


def test_no_warning_for_a_merged_file_of_another_centre(client, reception_grand_air):
    kept = PersonFactory(centre=centre("esperanto"))
    _elodie_at_esperanto(merged_into=kept)
    assert _post(client, reception_grand_air).status_code == 302


def test_a_file_of_the_agent_own_centres_is_a_usual_duplicate_not_the_warning(client, counsellor):
    existing = _elodie_at_esperanto()  # Espéranto is one of the CIP's centres
    response = _post(client, counsellor, phone="")
    content = response.content.decode()
    assert "Cette personne a peut-être déjà une fiche" in content
    assert reverse("people:file", kwargs={"pk": existing.pk}) in content
    assert ELSEWHERE_WARNING not in content


def test_the_check_elsewhere_needs_both_names_and_the_birth_date(coordinator_grand_air):
    import datetime

    from people.selectors import exists_in_another_centre

    _elodie_at_esperanto()
    birth = datetime.date(1990, 4, 3)
    check = exists_in_another_centre
    assert check(coordinator_grand_air, first_name="Élodie", last_name="N'Diaye", birth_date=birth)
    assert not check(coordinator_grand_air, first_name="", last_name="N'Diaye", birth_date=birth)
    assert not check(
        coordinator_grand_air, first_name="Élodie", last_name="Diaye", birth_date=birth
    )
    assert not check(
        coordinator_grand_air, first_name="Élodie", last_name="N'Diaye", birth_date=None
    )
