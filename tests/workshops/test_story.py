"""Espéranto's seven-session cycle, from opening to the cycle report (test client)."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AccessLog
from notifications.models import Notification
from people.timeline import timeline_for
from tests.factories import centre
from tests.people.factories import PersonFactory
from workshops.models import Cycle, EnrolmentStatus, Theme

pytestmark = pytest.mark.django_db


def _themes():
    return list(Theme.objects.order_by("position"))


def test_esperanto_runs_a_seven_session_cycle(client, coordinator_esperanto):
    esperanto = centre("esperanto")
    client.force_login(coordinator_esperanto)

    # Open the cycle: seven sessions by default.
    response = client.post(
        reverse("workshops:cycle_create"),
        {
            "centre": esperanto.pk,
            "site": esperanto.sites.first().pk,
            "title": "Remobilisation printemps",
            "facilitators": [coordinator_esperanto.pk],
            "starts_on": "2026-03-02",
            "capacity": "8",
            "session_count": "7",
        },
    )
    cycle = Cycle.objects.get(title="Remobilisation printemps")
    assert response.status_code == 302
    sessions = list(cycle.sessions.order_by("number"))
    assert len(sessions) == 7
    assert sessions[1].on == datetime.date(2026, 3, 9)

    # Propose seven themes, then the group validates six and replaces one.
    themes = _themes()
    proposal = {f"s{s.pk}": themes[i].pk for i, s in enumerate(sessions)}
    client.post(reverse("workshops:cycle_themes", kwargs={"pk": cycle.pk}), proposal)
    validated = {**proposal, f"s{sessions[6].pk}": themes[7].pk}
    client.post(
        reverse("workshops:cycle_themes", kwargs={"pk": cycle.pk}),
        {**validated, "validate": ""},
    )
    cycle.refresh_from_db()
    assert cycle.themes_validated_on is not None
    sessions = list(cycle.sessions.select_related("theme", "planned_theme").order_by("number"))
    assert sessions[6].planned_theme == themes[6]
    assert sessions[6].theme == themes[7]

    # Eight enrolled from their files, a ninth waits.
    people = [
        PersonFactory(centre=esperanto, last_name=f"Personne{i}", first_name="Test")
        for i in range(9)
    ]
    for person in people:
        client.post(
            reverse("workshops:enrol_person", kwargs={"person_pk": person.pk}),
            {"cycle": cycle.pk},
        )
    statuses = dict(cycle.enrolments.values_list("person_id", "status"))
    assert list(statuses.values()).count(EnrolmentStatus.ENROLLED) == 8
    assert statuses[people[8].pk] == EnrolmentStatus.WAITING
    page = client.get(reverse("workshops:cycle_detail", kwargs={"pk": cycle.pk}))
    assert "8 inscrits sur 8, 1 en attente" in page.content.decode()

    # One drops: the ninth gets the place and the facilitator is told.
    dropped = cycle.enrolments.get(person=people[0])
    client.post(reverse("workshops:withdraw", kwargs={"pk": dropped.pk}))
    assert cycle.enrolments.get(person=people[8]).status == EnrolmentStatus.ENROLLED
    assert Notification.objects.filter(
        user=coordinator_esperanto, text__contains="Une place s’est libérée"
    ).exists()
    # A second click on the stale button changes nothing.
    again = client.post(reverse("workshops:withdraw", kwargs={"pk": dropped.pk}), follow=True)
    assert "Action déjà effectuée." in again.content.decode()

    # Attendance for three sessions: 8, 7 and 6 present.
    participants = list(cycle.enrolments.filter(status=EnrolmentStatus.ENROLLED).order_by("pk"))
    for number, absent in ((1, 0), (2, 1), (3, 2)):
        data = {}
        for index, enrolment in enumerate(participants):
            data[f"p{enrolment.pk}"] = "excused" if index < absent else "present"
        url = reverse("workshops:session_attendance", kwargs={"pk": cycle.pk, "number": number})
        assert client.post(url, data).status_code == 302

    # After session two a theme is adjusted, with its reason.
    client.post(
        reverse("workshops:session_theme", kwargs={"pk": cycle.pk, "number": 4}),
        {"theme": themes[6].pk, "reason": "Le groupe veut préparer les entretiens plus tôt"},
    )
    # The facilitator's evaluation and a feedback typed from paper.
    evaluation_url = reverse("workshops:session_evaluation", kwargs={"pk": cycle.pk, "number": 1})
    client.post(
        evaluation_url,
        {"what_worked": "Tour de table", "adjustments": "Plus de pauses", "evaluation": ""},
    )
    client.post(evaluation_url, {"score": "4", "comment": "Très utile", "feedback": ""})

    report = client.get(reverse("workshops:cycle_report", kwargs={"pk": cycle.pk}))
    text = report.content.decode()
    assert report.status_code == 200
    assert "100 % (8 sur 8)" in text
    assert "88 % (7 sur 8)" in text
    assert "75 % (6 sur 8)" in text
    assert "Le groupe veut préparer les entretiens plus tôt" in text
    assert "Plus de pauses" in text
    assert "« Très utile »" in text
    assert "4.0 (1 avis)" in text or "4,0 (1 avis)" in text
    assert AccessLog.objects.filter(actor=coordinator_esperanto, detail__contains="Bilan").exists()

    # Enrolment and attendance on the person's timeline.
    titles = [entry.title for entry in timeline_for(people[8], coordinator_esperanto)]
    assert any("Remobilisation printemps" in t and "inscrit" in t for t in titles)
    assert any("séance 1 : présent·e" in t for t in titles)


def test_attendance_form_keeps_choices_and_flags_missing_rows(client, coordinator_esperanto):
    from tests.workshops.factories import CycleFactory, EnrolmentFactory

    cycle = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    first, second = EnrolmentFactory(cycle=cycle), EnrolmentFactory(cycle=cycle)
    client.force_login(coordinator_esperanto)
    url = reverse("workshops:session_attendance", kwargs={"pk": cycle.pk, "number": 1})
    response = client.post(url, {f"p{first.pk}": "present"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez la présence." in text
    assert f'name="p{first.pk}" value="present" checked' in text
    assert f'aria-describedby="p{second.pk}-error"' in text
    assert not cycle.sessions.get(number=1).attendances.exists()


def test_sign_in_sheet_shows_names_and_a_signature_column_only(client, coordinator_esperanto):
    from tests.workshops.factories import CycleFactory, EnrolmentFactory

    cycle = CycleFactory(centre=centre("esperanto"), by=coordinator_esperanto)
    person = PersonFactory(centre=cycle.centre, last_name="Martin", phone="0601020304")
    EnrolmentFactory(cycle=cycle, person=person)
    client.force_login(coordinator_esperanto)
    response = client.get(reverse("workshops:session_sheet", kwargs={"pk": cycle.pk, "number": 1}))
    text = response.content.decode()
    assert "MARTIN" in text
    assert "Signature" in text
    assert "0601020304" not in text
