import datetime
import re
from urllib.parse import unquote_plus

import pytest
from django.urls import reverse

from people.selectors import parse_search, search_persons
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _search(client, text):
    """The desk's search as the browser does it: POST, then follow the redirect."""
    return client.post(reverse("people:search"), {"q": text}, follow=True)


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
        assert client.post(reverse("people:search"), {"q": "ndiaye"}).status_code == 403
        assert client.get(reverse("people:search")).status_code == 403


def test_merged_files_are_not_found(coordinator_grand_air):
    kept = PersonFactory(elodie=True)
    PersonFactory(elodie=True, merged_into=kept)
    assert _names(coordinator_grand_air, "elodie ndiaye") == ["Élodie N'Diaye"]


def test_search_page_lists_results_with_a_link_to_the_file(client, reception_grand_air):
    person = PersonFactory(elodie=True)
    client.force_login(reception_grand_air)
    response = _search(client, "elodi ndiaye")
    content = response.content.decode()
    assert "1 résultat pour « elodi ndiaye »" in content
    assert reverse("people:file", kwargs={"pk": person.pk}) in content


def _search_queries(client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(reverse("people:search"))
    assert response.status_code == 200
    return len(captured)


def test_search_page_costs_the_same_with_10_or_1000_matches(
    client, reception_grand_air, django_assert_max_num_queries
):
    client.force_login(reception_grand_air)
    client.post(reverse("people:search"), {"q": "martin"})
    PersonFactory.create_batch(10, last_name="Martin")
    with_ten = _search_queries(client, django_assert_max_num_queries, 8)
    PersonFactory.create_batch(990, last_name="Martin")
    assert _search_queries(client, django_assert_max_num_queries, 8) == with_ten


# ---- No personal data in URLs ---------------------------------------------------------------


def _urls_of(response) -> list[str]:
    """Every URL the flow went through or the page links to (hrefs, form actions, sources)."""
    urls = [url for url, _ in getattr(response, "redirect_chain", [])]
    if "Location" in response:
        urls.append(response["Location"])
    urls.append(response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", ""))
    urls += re.findall(r'(?:href|action|src)="([^"]*)"', response.content.decode())
    return [unquote_plus(url).lower() for url in urls]


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).lower()


@pytest.mark.parametrize(
    ("text", "traces"),
    [
        ("martin", ["martin"]),
        ("Élodie N'Diaye", ["elodie", "élodie", "diaye"]),
        ("martin 03/04/1990", ["martin", "1990", "03/04"]),
        ("06 12 34 56 78", ["12 34", "612345678", "12.34"]),
    ],
)
def test_no_search_term_appears_in_any_url_of_the_flow(client, reception_grand_air, text, traces):
    PersonFactory(elodie=True)
    PersonFactory.create_batch(25, last_name="Martin", birth_date=datetime.date(1990, 4, 3))
    client.force_login(reception_grand_air)
    posted = client.post(reverse("people:search"), {"q": text})
    assert posted.status_code == 302
    assert posted["Location"] == reverse("people:search")
    results = _search(client, text)
    assert results.redirect_chain == [(reverse("people:search"), 302)]
    assert results.context["page"].paginator.count >= 1
    responses = [posted, results]
    if "martin" in text:  # 25 results: the pagination links are there too
        assert 'href="?page=2"' in results.content.decode()
        second = client.get(reverse("people:search"), {"page": 2})
        assert second.context["page"].number == 2
        responses.append(second)
    # And the register link, with its prefill.
    register = client.get(reverse("people:register") + "?depuis=recherche")
    responses.append(register)
    urls = [url for response in responses for url in _urls_of(response)]
    assert [(trace, url) for url in urls for trace in traces if trace in url] == []
    # Nor in the page titles, which the browser's history keeps.
    titles = [_title(response) for response in responses[1:]]
    assert [(trace, title) for title in titles for trace in traces if trace in title] == []


def test_search_terms_are_hidden_from_error_reports(client, reception_grand_air):
    client.force_login(reception_grand_air)
    from django.views.debug import SafeExceptionReporterFilter

    request = client.post(reverse("people:search"), {"q": "ndiaye"}).wsgi_request
    reported = SafeExceptionReporterFilter().get_post_parameters(request)
    assert reported["q"] != "ndiaye"


def test_a_query_in_an_old_bookmark_is_ignored(client, reception_grand_air):
    PersonFactory(elodie=True)
    client.force_login(reception_grand_air)
    response = client.get(reverse("people:search"), {"q": "ndiaye"})
    assert response.context["page"] is None
    assert "résultat" not in response.content.decode()


def test_the_results_page_shows_the_query_kept_in_the_session(client, reception_grand_air):
    PersonFactory(elodie=True)
    client.force_login(reception_grand_air)
    _search(client, "elodie ndiaye")
    content = client.get(reverse("people:search")).content.decode()
    assert "1 résultat pour « elodie ndiaye »" in content
    assert 'value="elodie ndiaye"' in content  # the box shows what was searched


def test_new_search_clears_the_query(client, reception_grand_air):
    PersonFactory(elodie=True)
    client.force_login(reception_grand_air)
    _search(client, "elodie ndiaye")
    response = client.post(reverse("people:search"), {"new": "1"}, follow=True)
    assert response.redirect_chain == [(reverse("people:search"), 302)]
    assert response.context["page"] is None
    assert 'value="elodie' not in response.content.decode()
    assert "Nouvelle recherche" not in response.content.decode()


def test_an_empty_search_clears_the_query(client, reception_grand_air):
    client.force_login(reception_grand_air)
    _search(client, "ndiaye")
    assert _search(client, "  ").context["page"] is None


def test_the_query_belongs_to_the_session_of_its_user(
    client, reception_grand_air, coordinator_grand_air
):
    PersonFactory(elodie=True)
    client.force_login(reception_grand_air)
    _search(client, "elodie ndiaye")
    client.force_login(coordinator_grand_air)  # another user at the same browser
    response = client.get(reverse("people:search"))
    assert response.context["page"] is None
    assert 'value="elodie' not in response.content.decode()


def test_a_too_long_query_is_refused_and_kept_in_the_box(client, reception_grand_air):
    client.force_login(reception_grand_air)
    text = " ".join(["ndiaye"] * 20)
    response = client.post(reverse("people:search"), {"q": text})
    assert response.status_code == 200
    content = response.content.decode()
    assert "id_q_error" in content
    assert f'value="{text}"' in content


def test_register_is_prefilled_from_the_search_through_the_session(client, reception_grand_air):
    client.force_login(reception_grand_air)
    content = _search(client, "ndiaye 03/04/1990").content.decode()
    register_url = reverse("people:register") + "?depuis=recherche"
    assert f'href="{register_url}"' in content
    response = client.get(register_url)
    assert response.context["form"].initial["birth_date"] == datetime.date(1990, 4, 3)
    assert 'value="03/04/1990"' in response.content.decode()
    # Reached from elsewhere (menu, dashboard), the form starts empty.
    plain = client.get(reverse("people:register"))
    assert "birth_date" not in plain.context["form"].initial


def test_register_is_prefilled_with_the_phone_searched(client, reception_grand_air):
    client.force_login(reception_grand_air)
    _search(client, "06 12 34 56 78")
    response = client.get(reverse("people:register") + "?depuis=recherche")
    assert str(response.context["form"].initial["phone"]) == "+33612345678"
