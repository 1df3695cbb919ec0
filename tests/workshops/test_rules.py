"""Who may open a cycle and enrol whom; the cost of the pages does not grow with data."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from tests.workshops.factories import CycleFactory, EnrolmentFactory
from workshops import services
from workshops.models import Cycle, EnrolmentStatus

pytestmark = pytest.mark.django_db


def test_lounes_matoub_individual_only_cannot_open_a_cycle(client):
    lounes = centre("lounes-matoub")
    coordinator = make_user(Role.COORDINATOR, "lounes-matoub")
    client.force_login(coordinator)
    response = client.post(
        reverse("workshops:cycle_create"),
        {
            "centre": lounes.pk,
            "site": lounes.sites.first().pk,
            "title": "Cycle refusé",
            "facilitators": [coordinator.pk],
            "starts_on": "2026-03-02",
            "capacity": "8",
            "session_count": "7",
        },
    )
    assert response.status_code == 200
    assert "n’a pas d’accompagnement collectif" in response.content.decode()
    assert 'value="Cycle refusé"' in response.content.decode()
    assert not Cycle.objects.exists()


def test_coordinator_of_another_centre_cannot_read_or_change_a_cycle(client, coordinator_esperanto):
    cycle = CycleFactory(centre=centre("grand-air"))
    enrolment = EnrolmentFactory(cycle=cycle)
    client.force_login(coordinator_esperanto)
    assert client.get(reverse("workshops:cycle_detail", kwargs={"pk": cycle.pk})).status_code == 404
    assert (
        client.post(reverse("workshops:withdraw", kwargs={"pk": enrolment.pk})).status_code == 404
    )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_cip_sees_only_the_cycles_she_facilitates(client, counsellor, coordinator_grand_air):
    hers = CycleFactory(centre=centre("grand-air"), facilitators=[counsellor])
    other = CycleFactory(centre=centre("grand-air"), by=coordinator_grand_air)
    client.force_login(counsellor)
    assert client.get(reverse("workshops:cycle_detail", kwargs={"pk": hers.pk})).status_code == 200
    assert client.get(reverse("workshops:cycle_detail", kwargs={"pk": other.pk})).status_code == 404


def test_a_person_of_another_centre_cannot_be_enrolled(client, coordinator_esperanto):
    outsider = PersonFactory(centre=centre("grand-air"))
    client.force_login(coordinator_esperanto)
    url = reverse("workshops:enrol_person", kwargs={"person_pk": outsider.pk})
    assert client.get(url).status_code == 404
    cycle = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    with pytest.raises(services.WorkshopRefused):
        services.enrol(by=coordinator_esperanto, cycle=cycle, person=outsider)


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("workshops:cycle_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_reception_agent_is_refused(client, reception_grand_air):
    client.force_login(reception_grand_air)
    assert client.get(reverse("workshops:cycle_list")).status_code == 403


def _fill(cycle, count):
    for _ in range(count):
        EnrolmentFactory(cycle=cycle)
    participants = list(cycle.enrolments.filter(status=EnrolmentStatus.ENROLLED))
    for session in cycle.sessions.all()[:3]:
        services.record_attendance(
            by=cycle.created_by,
            session=session,
            statuses={e.pk: "present" for e in participants},
        )


@pytest.mark.parametrize(
    "name",
    [
        "workshops:cycle_detail",
        "workshops:cycle_report",
        "workshops:session_attendance",
        "workshops:session_sheet",
    ],
)
def test_query_count_is_the_same_for_8_and_80_participants(
    client, coordinator_esperanto, django_assert_max_num_queries, name
):
    client.force_login(coordinator_esperanto)
    few = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto, capacity=80)
    many = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto, capacity=80)
    _fill(few, 8)
    _fill(many, 80)

    def url(cycle):
        kwargs = {"pk": cycle.pk}
        if name.startswith("workshops:session"):
            kwargs["number"] = 1
        return reverse(name, kwargs=kwargs)

    with django_assert_max_num_queries(20) as small:
        assert client.get(url(few)).status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url(many)).status_code == 200


def test_cycle_list_query_count_does_not_grow(
    client, coordinator_esperanto, django_assert_max_num_queries
):
    client.force_login(coordinator_esperanto)
    CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("workshops:cycle_list"))
    for _ in range(10):
        CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto, session_count=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("workshops:cycle_list"))


def test_cycle_report_says_where_participants_went_next(client, coordinator_esperanto):
    import datetime

    from accompaniment.choices import AccompanimentStatus, ExitReason
    from tests.accompaniment.factories import AccompanimentFactory

    cycle = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    for reason in (ExitReason.TRAINING, ExitReason.TRAINING, ExitReason.PERMANENT_JOB):
        enrolment = EnrolmentFactory(cycle=cycle)
        AccompanimentFactory(
            person=enrolment.person,
            status=AccompanimentStatus.CLOSED,
            end_date=datetime.date(2026, 6, 1),
            exit_reason=reason,
        )
    client.force_login(coordinator_esperanto)
    text = client.get(reverse("workshops:cycle_report", kwargs={"pk": cycle.pk})).content.decode()
    assert "Formation qualifiante : 2" in text
    assert "Emploi durable : CDI : 1" in text
