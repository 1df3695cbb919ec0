import re

from django.core.cache import cache
from django.urls import reverse

from directory.models import SiteDetails
from tests.directory.factories import ActivityFactory, CommentFactory
from tests.factories import centre

PLAIN_EMAIL = re.compile(r"[\w.+-]+@montreuil\.fr")


def test_directory_lists_the_four_centres_grouped_by_status(client):
    response = client.get(reverse("directory:centre_list"))
    html = response.content.decode()
    assert "Les centres sociaux municipaux" in html
    assert "Le centre social associatif" in html
    for name in ("Grand Air", "Espéranto", "Lounès Matoub", "SFM Montreuil"):
        assert f"Centre social {name}" in html
    assert "Un centre social est un équipement de proximité" in html
    assert 'href="tel:+33171868010"' in html


def test_centre_page_shows_sites_phones_director_and_integration_service(client):
    response = client.get(reverse("directory:centre_detail", kwargs={"slug": "esperanto"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Espace Le Morillon" in html and "56 rue des Blancs Vilains" in html
    assert 'href="tel:+33171892520"' in html
    assert "Aurélien Lautard, directeur" in html
    assert "Accompagnement collectif" in html
    assert reverse("directory:director_message", kwargs={"slug": "esperanto"}) in html
    assert "openstreetmap.org" in html


def test_no_director_address_appears_in_any_centre_page(client):
    pages = [reverse("directory:centre_list")] + [
        reverse("directory:centre_detail", kwargs={"slug": slug})
        for slug in ("grand-air", "esperanto", "lounes-matoub", "sfm-montreuil")
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert not PLAIN_EMAIL.search(html), url
        assert "(at)" not in html


def test_opening_hours_are_shown_in_french_once_staff_enter_them(client):
    SiteDetails.objects.filter(site__slug="espace-18").update(
        opening_hours="Tu,Th 09:00-12:00; PH off"
    )
    html = client.get(reverse("directory:centre_detail", kwargs={"slug": "grand-air"})).content
    assert "Mardi et jeudi : 9 h – 12 h" in html.decode()
    assert "Horaires d’accueil non renseignés" in html.decode()  # the other sites


def test_unknown_centre_is_404(client):
    assert (
        client.get(reverse("directory:centre_detail", kwargs={"slug": "nulle-part"})).status_code
        == 404
    )


def test_anonymous_pages_are_publicly_cacheable_and_vary_on_cookie(client):
    response = client.get(reverse("directory:centre_detail", kwargs={"slug": "grand-air"}))
    # Stored, but revalidated before each use: an edit shows at once (test_public_cache.py).
    assert "public" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert response["ETag"]
    assert "Cookie" in response["Vary"]
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_logged_in_professional_gets_a_private_copy(client, reception_grand_air):
    client.force_login(reception_grand_air)
    response = client.get(reverse("directory:centre_list"))
    assert "private" in response["Cache-Control"]


def _fill(n):
    for i in range(n):
        ActivityFactory(centre=centre("grand-air"), title=f"Atelier {i}")
        CommentFactory(centre=centre("grand-air"), approved=True)


def test_centre_page_query_count_does_not_grow_with_data(client, django_assert_max_num_queries):
    url = reverse("directory:centre_detail", kwargs={"slug": "grand-air"})
    _fill(3)
    with django_assert_max_num_queries(6):
        client.get(url)
    _fill(27)
    # The factories bypass the services that drop the kept page (directory/caching.py).
    cache.clear()
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count('class="activity"') == 30
    assert "(30)" in response.content.decode()


def test_directory_query_count_is_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(reverse("directory:centre_list"))
