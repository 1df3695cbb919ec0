"""The trio for every agenda page: who may, a colleague with fewer rights, an outsider from
another centre (404, never a hint that the object exists). Anonymous and wrong roles are
walked for every URL by tests/test_url_access.py."""

from unittest import mock

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.agenda.factories import AbsenceFactory, AppointmentFactory, PersonFactory, future_slot
from tests.factories import centre, make_user
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def grand_air_only():
    """A CIP who serves Grand Air only: her appointments and people are Grand Air's."""
    return make_user(Role.COUNSELLOR, "grand-air")


def _urls(appointment, person, absence, staff):
    site = appointment.site
    return {
        "detail": reverse("agenda:detail", kwargs={"pk": appointment.pk}),
        "letter": reverse("agenda:letter", kwargs={"pk": appointment.pk}),
        "book": reverse("agenda:book", kwargs={"person_pk": person.pk}),
        "preferences": reverse("agenda:preferences", kwargs={"person_pk": person.pk}),
        "site": reverse("agenda:site_agenda", kwargs={"pk": site.pk}),
        "staff": reverse("agenda:staff_agenda", kwargs={"pk": staff.pk}),
        "absence": reverse("agenda:absence_detail", kwargs={"pk": absence.pk}),
    }


@pytest.fixture
def objects(grand_air_only):
    appointment = AppointmentFactory(staff=grand_air_only)
    person = PersonFactory(centre=centre("grand-air"))
    absence = AbsenceFactory(staff=grand_air_only)
    return _urls(appointment, person, absence, grand_air_only)


@pytest.mark.parametrize(
    "name", ["detail", "letter", "book", "preferences", "site", "staff", "absence"]
)
def test_the_coordinator_of_the_centre_may_open_it(client, objects, coordinator_grand_air, name):
    client.force_login(coordinator_grand_air)
    assert client.get(objects[name]).status_code == 200


@pytest.mark.parametrize(
    "name", ["detail", "letter", "book", "preferences", "site", "staff", "absence"]
)
def test_an_outsider_from_another_centre_gets_404(client, objects, coordinator_esperanto, name):
    client.force_login(coordinator_esperanto)
    assert client.get(objects[name]).status_code == 404


@pytest.mark.parametrize(
    ("name", "status"),
    [("detail", 200), ("site", 200), ("letter", 403), ("book", 403), ("staff", 403)],
)
def test_reception_reads_the_day_but_never_books_nor_reads_an_agenda(
    client, objects, reception_grand_air, name, status
):
    client.force_login(reception_grand_air)
    assert client.get(objects[name]).status_code == status


def test_reception_elsewhere_does_not_see_the_site(client, objects):
    client.force_login(make_user(Role.RECEPTION, "esperanto"))
    assert client.get(objects["site"]).status_code == 404
    assert client.get(objects["detail"]).status_code == 404


def test_the_cip_reads_her_three_centres_on_one_screen(client, counsellor):
    for slug in ("grand-air", "esperanto", "lounes-matoub"):
        AppointmentFactory(
            staff=counsellor,
            centre=centre(slug),
            starts_at=future_slot().replace(
                hour={"grand-air": 9, "esperanto": 11, "lounes-matoub": 14}[slug]
            ),
        )
    client.force_login(counsellor)
    day = future_slot().date().isoformat()
    page = client.get(reverse("agenda:my_agenda") + f"?jour={day}").content.decode()
    for name in ("Grand Air", "Espéranto", "Lounès Matoub"):
        assert name in page


def test_directors_and_steering_read_figures_but_no_agenda(
    client, director_grand_air, steering, objects
):
    for user in (director_grand_air, steering):
        client.force_login(user)
        assert client.get(reverse("agenda:figures")).status_code == 200
        assert client.get(objects["detail"]).status_code == 403


def test_the_absence_page_costs_the_same_with_few_or_many_appointments(client, grand_air_only):
    absence = AbsenceFactory(staff=grand_air_only)
    client.force_login(grand_air_only)
    from agenda.selectors import local_midnight

    start = local_midnight(absence.starts_on)
    AppointmentFactory(staff=grand_air_only, starts_at=start.replace(hour=9))
    url = reverse("agenda:absence_detail", kwargs={"pk": absence.pk})
    few = queries_for(client, url)
    for hour in range(10, 18):
        AppointmentFactory(staff=grand_air_only, starts_at=start.replace(hour=hour))
    assert queries_for(client, url) == few


def test_the_figures_page_costs_the_same_with_few_or_many_rows(client, coordinator_grand_air):
    from tests.reception.factories import RequestFactory

    client.force_login(coordinator_grand_air)
    AppointmentFactory()
    few = queries_for(client, reverse("agenda:figures"))
    for _ in range(10):
        RequestFactory()
        AppointmentFactory(starts_at=future_slot().replace(hour=15), status="seen")
    assert queries_for(client, reverse("agenda:figures")) == few


def test_the_home_panels_show_the_agenda_counts(client, counsellor, reception_grand_air):
    from django.utils import timezone

    from tests.agenda.factories import past_slot

    AppointmentFactory(staff=counsellor, starts_at=past_slot())
    # The clock at noon: "later today" exists whatever the hour the suite runs at.
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    AppointmentFactory(staff=counsellor, starts_at=noon.replace(hour=16), duration=20)
    with mock.patch("django.utils.timezone.now", return_value=noon):
        client.force_login(counsellor)
        home = client.get(reverse("dashboard:home")).content.decode()
        assert "Mon agenda" in home and "1 rendez-vous à renseigner" in home
        client.force_login(reception_grand_air)
        home = client.get(reverse("dashboard:home")).content.decode()
    assert "Personnes attendues" in home and "1 rendez-vous encore attendu aujourd’hui" in home


def test_agenda_pages_log_the_people_they_show(client, counsellor):
    from audit.models import AccessLog

    appointments = [
        AppointmentFactory(staff=counsellor, starts_at=future_slot().replace(hour=hour))
        for hour in (9, 11)
    ]
    shown = sorted(a.person_id for a in appointments)
    client.force_login(counsellor)
    day = future_slot().date().isoformat()
    client.get(reverse("agenda:my_agenda") + f"?jour={day}")
    row = AccessLog.objects.latest("pk")
    assert sorted(row.person_ids) == shown
    site = appointments[0].site
    client.get(reverse("agenda:site_agenda", kwargs={"pk": site.pk}) + f"?jour={day}")
    assert sorted(AccessLog.objects.latest("pk").person_ids) == shown
