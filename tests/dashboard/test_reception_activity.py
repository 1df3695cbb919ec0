"""Directors and city steering read the reception's activity as counts, never a person."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from organisations.models import Centre, CentreKind
from reception.selectors import reception_activity, today_bounds
from tests.factories import add_membership, centre, make_user
from tests.reception.factories import HandoffFactory, PersonFactory, RequestFactory, VisitFactory

pytestmark = pytest.mark.django_db
HOME = reverse("dashboard:home")


def _at(days_ago):
    """A moment `days_ago` local days before today, in the morning."""
    return today_bounds()[0] - datetime.timedelta(days=days_ago) + datetime.timedelta(minutes=1)


def _activity(slug="grand-air", last_name="Zerbib-Quennec"):
    """A day of activity at a centre, about a person whose name must never show."""
    person = PersonFactory(centre=centre(slug), first_name="Ophélie", last_name=last_name)
    VisitFactory(centre=centre(slug), person=person, at=_at(0))
    VisitFactory(centre=centre(slug), anonymous=True, at=_at(0))
    VisitFactory(centre=centre(slug), person=person, at=_at(3))
    VisitFactory(centre=centre(slug), anonymous=True, at=_at(10))
    VisitFactory(centre=centre(slug), person=person, at=_at(40))  # out of the 30 days
    request_ = RequestFactory(person=person, description="Très confidentiel")
    RequestFactory(person=person, awaiting=True)
    RequestFactory(person=person, closed=True)
    HandoffFactory(person=person, request=request_, note="Note confidentielle")
    HandoffFactory(person=person, taken_at=_at(1))  # taken over: not open any more
    return person


def _rows(activity):
    return dict(activity.rows)


def test_the_counts_of_a_centre(db):
    _activity()
    _activity("esperanto", last_name="Autre")
    rows = _rows(reception_activity(Centre.objects.filter(slug="grand-air")))
    assert rows["Passages aujourd’hui"] == [2]
    assert rows["dont anonymes (aujourd’hui)"] == [1]
    assert rows["Passages sur 7 jours"] == [3]
    assert rows["dont anonymes (7 jours)"] == [1]
    assert rows["Passages sur 30 jours"] == [4]
    assert rows["dont anonymes (30 jours)"] == [2]
    assert rows["Demandes nouvelles"] == [1]
    assert rows["Demandes en attente d’analyse"] == [1]
    assert rows["Demandes en accompagnement"] == [0]
    assert rows["Demandes clôturées"] == [1]
    assert rows["Transmissions en attente"] == [1]


def test_the_director_reads_their_centres_activity_and_no_name(client, director_grand_air):
    person = _activity()
    _activity("esperanto", last_name="Morillon-Dufresne")
    client.force_login(director_grand_air)
    page = client.get(HOME).content.decode()
    # The existing link stays.
    assert reverse("directory:content_home") in page
    assert "<caption>Activité de l’accueil par centre</caption>" in page
    assert '<th scope="col">Grand Air</th>' in page
    assert '<th scope="col">Espéranto</th>' not in page
    # 2 passages today: a small count, never shown as such outside the team.
    assert '<th scope="row">Passages aujourd’hui</th>\n        <td>&lt; 5</td>' in page
    for secret in [
        person.first_name,
        person.last_name,
        "Morillon-Dufresne",
        "Très confidentiel",
        "Note confidentielle",
    ]:
        assert secret not in page


def test_a_director_of_two_centres_reads_both(client, director_grand_air):
    add_membership(director_grand_air, Role.DIRECTOR, "esperanto")
    _activity()
    client.force_login(director_grand_air)
    page = client.get(HOME).content.decode()
    assert '<th scope="col">Grand Air</th>' in page and '<th scope="col">Espéranto</th>' in page


def test_a_director_of_another_centre_does_not_read_grand_airs_activity(client):
    _activity()
    client.force_login(make_user(Role.DIRECTOR, "esperanto"))
    page = client.get(HOME).content.decode()
    assert '<th scope="col">Espéranto</th>' in page
    assert '<th scope="col">Grand Air</th>' not in page
    assert '<th scope="row">Passages aujourd’hui</th>\n        <td>0</td>' in page


@pytest.mark.parametrize("fixture", ["reception_grand_air", "coordinator_grand_air"])
def test_other_roles_of_the_centre_get_no_activity_table(client, request, fixture):
    _activity()
    client.force_login(request.getfixturevalue(fixture))
    page = client.get(HOME).content.decode()
    assert "Passages sur 7 jours" not in page


def test_steering_reads_the_municipal_centres_side_by_side_and_no_name(client, steering):
    person = _activity()
    _activity("lounes-matoub", last_name="Republique-Tarnier")
    client.force_login(steering)
    page = client.get(HOME).content.decode()
    municipal = Centre.objects.filter(kind=CentreKind.MUNICIPAL).order_by("position", "name")
    for centre_ in municipal:
        assert f'<th scope="col">{centre_.name}</th>' in page
    assert "SFM" not in page
    assert '<th scope="col">Ensemble des centres</th>' in page
    # 2, 0, 2 and their total 4: all small, shown "< 5" (0 stays 0).
    assert (
        '<th scope="row">Passages aujourd’hui</th>\n        '
        "<td>&lt; 5</td><td>0</td><td>&lt; 5</td><td>&lt; 5</td>"
    ) in page
    rows = _rows(reception_activity(municipal, with_total=True))
    assert rows["Passages sur 30 jours"][-1] == 8
    for secret in [person.first_name, person.last_name, "Republique-Tarnier", "confidentiel"]:
        assert secret not in page


def test_a_count_of_3_is_hidden_on_the_steering_home_with_what_would_give_it_back(client, steering):
    for _ in range(3):
        VisitFactory(centre=centre("grand-air"), anonymous=True, at=_at(0))
    for _ in range(10):
        VisitFactory(centre=centre("esperanto"), anonymous=True, at=_at(0))
    client.force_login(steering)
    page = client.get(HOME).content.decode()
    # Grand Air 3, Espéranto 10, Lounès Matoub 0, all 13: 13 − 10 would give 3 back.
    assert (
        '<th scope="row">Passages aujourd’hui</th>\n        '
        "<td>&lt; 5</td><td>secret</td><td>0</td><td>13</td>"
    ) in page
    assert "Passages et personnes reçues" in page  # the year's figures, from the reports


def test_a_partner_reads_no_activity(client, partner_mission_locale):
    _activity()
    client.force_login(partner_mission_locale)
    assert "Passages sur 7 jours" not in client.get(HOME).content.decode()


@pytest.mark.parametrize("fixture", ["director_grand_air", "steering"])
def test_the_activity_costs_the_same_queries_with_few_or_many_rows(
    client, request, fixture, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(fixture))
    _activity()
    # The year's figures computed (their data changed): the snapshot read, PostgreSQL's
    # snapshot, the figures' 2 queries, the snapshot stored.
    with django_assert_max_num_queries(15) as few:
        assert client.get(HOME).status_code == 200
    for slug in ("grand-air", "esperanto", "lounes-matoub"):
        for i in range(8):
            _activity(slug, last_name=f"Nom{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(HOME).status_code == 200


def test_the_activity_of_any_number_of_centres_costs_three_queries(
    django_assert_num_queries,
):
    for slug in ("grand-air", "esperanto", "lounes-matoub"):
        _activity(slug)
    with django_assert_num_queries(3):
        reception_activity(Centre.objects.all(), with_total=True)
    with django_assert_num_queries(3):
        reception_activity(Centre.objects.filter(slug="grand-air"))
