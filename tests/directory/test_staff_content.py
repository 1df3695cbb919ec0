import pytest
from django.urls import reverse

from audit.models import AccessLog
from directory.models import Activity, ActivityKind, SiteDetails
from organisations.models import Site
from tests.directory.factories import ActivityFactory
from tests.factories import centre, make_user

HOME = reverse("directory:content_home")


def _hours_url(slug):
    return reverse("directory:site_hours", kwargs={"site_pk": Site.objects.get(slug=slug).pk})


def test_director_sets_opening_hours_and_the_page_shows_them_in_french(client, director_grand_air):
    client.force_login(director_grand_air)
    response = client.post(_hours_url("espace-18"), {"opening_hours": "Mo-Fr 09:00-17:00; PH off"})
    assert response.status_code == 302
    assert (
        SiteDetails.objects.get(site__slug="espace-18").opening_hours == "Mo-Fr 09:00-17:00; PH off"
    )
    assert AccessLog.objects.filter(actor=director_grand_air, detail="horaires d’accueil").exists()
    client.logout()
    html = client.get(reverse("directory:centre_detail", kwargs={"slug": "grand-air"})).content
    assert "Du lundi au vendredi : 9 h – 17 h" in html.decode()


def test_unreadable_hours_are_refused_and_kept(client, director_grand_air):
    client.force_login(director_grand_air)
    response = client.post(_hours_url("espace-18"), {"opening_hours": "lundi 9h-12h"})
    assert response.status_code == 200
    assert "Horaires illisibles" in response.content.decode()
    assert 'value="lundi 9h-12h"' in response.content.decode()
    assert SiteDetails.objects.get(site__slug="espace-18").opening_hours == ""


def test_director_adds_and_edits_an_activity(client, director_grand_air):
    client.force_login(director_grand_air)
    url = reverse("directory:activity_create", kwargs={"slug": "grand-air"})
    response = client.post(
        url,
        {
            "kind": ActivityKind.LITERACY,
            "title": "Cours de français du soir",
            "site": "",
            "description": "",
            "schedule": "Mardi 18 h",
            "audience": "Adultes",
            "price": "Gratuit",
            "is_published": "on",
            "position": "1",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Cours de français du soir")
    assert activity.centre == centre("grand-air")
    html = client.get(reverse("directory:activity_list"), {"kind": "alphabetisation"}).content
    assert "Cours de français du soir" in html.decode()


def test_director_of_another_centre_gets_404(client):
    other = make_user("director", "esperanto")
    client.force_login(other)
    activity = ActivityFactory(centre=centre("grand-air"))
    assert client.get(_hours_url("espace-18")).status_code == 404
    edit = reverse("directory:activity_edit", kwargs={"slug": "grand-air", "pk": activity.pk})
    assert client.get(edit).status_code == 404
    assert "Grand Air" not in client.get(HOME).content.decode()


def test_activity_of_another_centre_cannot_be_reached_through_ones_own_slug(client):
    director = make_user("director", "esperanto")
    client.force_login(director)
    activity = ActivityFactory(centre=centre("grand-air"))
    url = reverse("directory:activity_edit", kwargs={"slug": "esperanto", "pk": activity.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["reception_grand_air", "coordinator_grand_air", "moderator"])
def test_colleagues_without_the_role_are_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(HOME).status_code == 403
    assert client.post(_hours_url("espace-18"), {"opening_hours": "24/7"}).status_code == 403
    assert SiteDetails.objects.get(site__slug="espace-18").opening_hours == ""


def test_content_home_query_count_is_constant(
    client, director_grand_air, django_assert_max_num_queries
):
    client.force_login(director_grand_air)
    ActivityFactory.create_batch(3)
    with django_assert_max_num_queries(10):
        client.get(HOME)
    ActivityFactory.create_batch(27)
    with django_assert_max_num_queries(10):
        client.get(HOME)
