from django.urls import reverse

from directory.models import ActivityKind
from tests.directory.factories import ActivityFactory
from tests.factories import centre

URL = reverse("directory:activity_list")


def test_residents_filter_by_kind(client):
    ActivityFactory(kind=ActivityKind.LITERACY, title="Cours de français")
    ActivityFactory(kind=ActivityKind.PLAYGROUP, title="Halte-jeux du mardi")
    html = client.get(URL, {"kind": ActivityKind.LITERACY}).content.decode()
    assert "Cours de français" in html and "Halte-jeux du mardi" not in html


def test_residents_filter_by_neighbourhood(client):
    ActivityFactory(centre=centre("esperanto"), title="Théâtre au Morillon")
    ActivityFactory(centre=centre("grand-air"), title="Danse au Bel Air")
    html = client.get(URL, {"neighbourhood": "montreau-le-morillon"}).content.decode()
    assert "Théâtre au Morillon" in html and "Danse au Bel Air" not in html


def test_unpublished_activities_are_hidden(client):
    ActivityFactory(title="Brouillon", is_published=False)
    assert "Brouillon" not in client.get(URL).content.decode()


def test_every_kind_of_the_city_page_is_offered_in_the_filter(client):
    html = client.get(URL).content.decode()
    for label in (
        "Halte-jeux",
        "Centre de loisirs",
        "Accompagnement périscolaire",
        "Ateliers artistiques et culturels",
        "Cours d’alphabétisation",
        "Permanence d’accueil social",
        "Écrivain public",
        "Insertion professionnelle",
    ):
        assert label in html


def test_unknown_filter_values_show_everything_without_error(client):
    ActivityFactory(title="Atelier")
    response = client.get(URL, {"kind": "nimporte", "neighbourhood": "inconnu"})
    assert response.status_code == 200


def test_list_is_paginated_and_query_count_is_constant(client, django_assert_max_num_queries):
    ActivityFactory.create_batch(3)
    with django_assert_max_num_queries(4):
        client.get(URL)
    ActivityFactory.create_batch(27)
    with django_assert_max_num_queries(4):
        response = client.get(URL, {"page": 2})
    assert "Page 2 sur 2" in response.content.decode()
