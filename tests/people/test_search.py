import datetime

import pytest
from django.urls import reverse

from people.selectors import parse_search, search_persons
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _names(user, text):
    return [person.full_name for person in search_persons(user, parse_search(text))]


@pytest.mark.parametrize("text", ["elodie ndiaye", "ndiay elodie", "Elodi Ndiaye", "N'DIAYE"])
def test_elodie_ndiaye_is_found_from_every_spelling(coordinator_grand_air, text):
    PersonFactory(elodie=True)
    PersonFactory(first_name="Marc", last_name="Durand")
    assert _names(coordinator_grand_air, text) == ["Élodie N'Diaye"]


def test_search_by_birth_date_in_french_format(reception_grand_air):
    PersonFactory(elodie=True)
    PersonFactory(birth_date=datetime.date(1985, 1, 1))
    assert _names(reception_grand_air, "03/04/1990") == ["Élodie N'Diaye"]
    assert _names(reception_grand_air, "ndiaye 3/4/1990") == ["Élodie N'Diaye"]
    assert _names(reception_grand_air, "ndiaye 04/03/1990") == []


@pytest.mark.parametrize(
    "text", ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "+33 6 12 34 56 78"]
)
def test_search_by_phone_in_any_french_format(reception_grand_air, text):
    PersonFactory(elodie=True)
    PersonFactory(phone="+33698765432")
    assert _names(reception_grand_air, text) == ["Élodie N'Diaye"]


def test_search_never_returns_people_of_other_centres(coordinator_esperanto):
    PersonFactory(elodie=True)  # Grand Air
    assert _names(coordinator_esperanto, "elodie ndiaye") == []


def test_the_cip_finds_people_of_every_centre_she_serves(counsellor):
    from tests.factories import centre

    PersonFactory(elodie=True)
    PersonFactory(first_name="Élodie", last_name="Ndiaye", centre=centre("esperanto"))
    PersonFactory(first_name="Élodie", last_name="Ndiaye", centre=centre("sfm-montreuil"))
    assert len(_names(counsellor, "elodie ndiaye")) == 2


def test_steering_partner_and_director_find_nobody_in_the_desk_search(
    client, steering, partner_mission_locale, director_grand_air
):
    PersonFactory(elodie=True)
    for user in (steering, partner_mission_locale, director_grand_air):
        client.force_login(user)
        assert client.get(reverse("people:search"), {"q": "ndiaye"}).status_code == 403


def test_merged_files_are_not_found(coordinator_grand_air):
    kept = PersonFactory(elodie=True)
    PersonFactory(elodie=True, merged_into=kept)
    assert _names(coordinator_grand_air, "elodie ndiaye") == ["Élodie N'Diaye"]


def test_search_page_lists_results_with_a_link_to_the_file(client, reception_grand_air):
    person = PersonFactory(elodie=True)
    client.force_login(reception_grand_air)
    response = client.get(reverse("people:search"), {"q": "elodi ndiaye"})
    content = response.content.decode()
    assert "1 résultat pour « elodi ndiaye »" in content
    assert reverse("people:file", kwargs={"pk": person.pk}) in content


def _search_queries(client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(reverse("people:search"), {"q": "martin"})
    assert response.status_code == 200
    return len(captured)


def test_search_page_costs_the_same_with_10_or_1000_matches(
    client, reception_grand_air, django_assert_max_num_queries
):
    client.force_login(reception_grand_air)
    PersonFactory.create_batch(10, last_name="Martin")
    with_ten = _search_queries(client, django_assert_max_num_queries, 8)
    PersonFactory.create_batch(990, last_name="Martin")
    assert _search_queries(client, django_assert_max_num_queries, 8) == with_ten
