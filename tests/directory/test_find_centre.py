from django.urls import reverse

from directory.models import Street
from organisations.models import Neighbourhood

URL = reverse("directory:find_centre")


def _find(client, **params):
    return client.post(URL, params).content.decode()


def test_each_street_of_the_city_page_leads_to_its_centre(client):
    expected = {
        "40 rue du Bel Air": "Grand Air",
        "18 rue des Grands Pêchers": "Grand Air",
        "12 rue Paul Doumer": "Grand Air",
        "14 allée Roland Martin": "Espéranto",
        "place Le Morillon": "Espéranto",
        "56 rue des Blancs Vilains": "Espéranto",
        "4-6 place de la République": "Lounès Matoub",
    }
    for address, name in expected.items():
        assert f"centre social {name}</a>" in _find(client, address=address), address


def test_typos_case_and_missing_accents_are_tolerated(client):
    assert "centre social Grand Air</a>" in _find(client, address="12 RUE PAUL DUMER")
    assert "centre social Grand Air</a>" in _find(client, address="rue des grands pechers")
    assert "centre social Lounès Matoub</a>" in _find(client, address="place de la republique")


def test_unknown_street_says_so_and_offers_the_neighbourhood_list(client):
    html = _find(client, address="avenue du Président Wilson")
    assert "Nous ne connaissons pas cette voie." in html
    # Every neighbourhood, its centre and its phone; Branly – Boissière gets a municipal centre.
    assert "<strong>République</strong> : " in html and "01 71 89 25 09" in html
    assert "<strong>Branly – Boissière</strong>" in html
    assert "Pour trouver un emploi ou une formation" in html


def test_picking_a_neighbourhood_gives_its_centre(client):
    assert "centre social Espéranto</a>" in _find(client, neighbourhood="montreau-le-morillon")


def test_empty_search_explains_what_to_enter(client):
    assert "Indiquez votre adresse ou choisissez votre quartier" in _find(client, address="")


def test_streets_added_by_staff_are_found(client):
    Street.objects.create(
        neighbourhood=Neighbourhood.objects.get(slug="branly-boissiere"), name="rue Édouard Branly"
    )
    assert "centre social SFM Montreuil</a>" in _find(client, address="3 rue edouard branly")


def test_finder_query_count_is_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(URL, {"address": "rue Paul Doumer"})
