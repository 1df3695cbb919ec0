"""The collective workshops' figures, computed by hand on a known year.

Scope: Grand Air and Espéranto in 2025, computed on 24/12/2025; columns [Grand Air,
Espéranto, Ensemble]. Lounès Matoub's cycle is outside the scope.

  GA  C1 sessions 03/03, 10/03, 17/03/2025; P1 P2 P3 enrolled.
        S1: P1 present, P2 present, P3 excused — feedback 4, 3
        S2: P1 present, P2 unexcused, P3 present — feedback 2
        S3: attendance never taken
  GA  C2 sessions 22/12, 29/12/2025, 05/01/2026; nothing recorded.
  ESP C3 sessions 16/12, 23/12, 30/12/2024, 06/01/2025; P4 P5 enrolled.
        16/12/2024: P4 present, feedback 1 (before the period)
        06/01/2025: P4 present, P5 present — feedback 4
  LM  C4 session 03/02/2025: P6 present, feedback 1 (outside the scope)
"""

import datetime

import pytest

from organisations.models import Centre, IntegrationMode
from reports.registry import ReportScope, registered_indicators
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from tests.reports.dataset import YEAR_END, YEAR_START
from tests.reports.test_indicators import raw, scope
from workshops import services
from workshops.models import AttendanceStatus

pytestmark = pytest.mark.django_db
D = datetime.date
PRESENT, EXCUSED, UNEXCUSED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.UNEXCUSED,
)


def _cycle(slug, starts_on, sessions, people):
    from accounts.models import Role

    place = centre(slug)
    by = make_user(Role.COORDINATOR, slug)
    cycle = services.open_cycle(by=by, centre=place, site=place.sites.order_by("position").first(),
                                title="Remobilisation", facilitators=[by], starts_on=starts_on,
                                capacity=8, session_count=sessions)  # fmt: skip
    enrolments = [
        services.enrol(by=by, cycle=cycle, person=PersonFactory(centre=place))
        for _ in range(people)
    ]
    return by, list(cycle.sessions.order_by("number")), enrolments


def _attendance(by, session, enrolments, statuses, scores=()):
    services.record_attendance(
        by=by,
        session=session,
        statuses={e.pk: status for e, status in zip(enrolments, statuses, strict=True)},
    )
    for score in scores:
        services.add_feedback(by=by, session=session, score=score, comment="")


@pytest.fixture
def workshops_year():
    Centre.objects.filter(slug="lounes-matoub").update(integration_mode=IntegrationMode.BOTH)
    by, (s1, s2, _s3), people = _cycle("grand-air", D(2025, 3, 3), 3, 3)
    _attendance(by, s1, people, [PRESENT, PRESENT, EXCUSED], [4, 3])
    _attendance(by, s2, people, [PRESENT, UNEXCUSED, PRESENT], [2])
    _cycle("grand-air", D(2025, 12, 22), 3, 0)
    by, sessions, people = _cycle("esperanto", D(2024, 12, 16), 4, 2)
    _attendance(by, sessions[0], people[:1], [PRESENT], [1])
    _attendance(by, sessions[3], people, [PRESENT, PRESENT], [4])
    by, (s4,), people = _cycle("lounes-matoub", D(2025, 2, 3), 1, 1)
    _attendance(by, s4, people, [PRESENT], [1])


def on_24_december() -> ReportScope:
    base = scope()
    return ReportScope(centres=base.centres, start=YEAR_START, end=YEAR_END,
                       age_bands=base.age_bands,
                       as_of=datetime.datetime(2025, 12, 24, 12, tzinfo=datetime.UTC))  # fmt: skip


def test_cycles_sessions_participants_and_attendance(workshops_year):
    rows = raw("workshops.activity", on_24_december())
    assert rows["Cycles d’ateliers ayant au moins une séance dans la période"] == [2, 1, 3]
    assert rows["Séances prévues dans la période"] == [5, 1, 6]  # C1 ×3, C2 ×2 | 06/01
    assert rows["dont séances tenues (présences saisies)"] == [2, 1, 3]  # S1 S2 | 06/01
    assert rows["dont séances passées sans présences saisies"] == [2, 0, 2]  # S3, 22/12
    assert rows["dont séances à venir"] == [1, 0, 1]  # 29/12
    # Present at least once: P1 P2 P3 | P4 P5 (P4's 2024 session does not count).
    assert rows["Participant·es présent·es à au moins une séance (compté·es une fois)"] == [
        3,
        2,
        5,
    ]
    assert rows["Présences et absences saisies (inscrit·es × séances tenues)"] == [6, 2, 8]
    assert rows["dont présences"] == [4, 2, 6]
    assert rows["dont absences excusées"] == [1, 0, 1]
    assert rows["dont absences non excusées"] == [1, 0, 1]
    rate = rows["Taux de présence (présences sur les présences et absences saisies)"]
    assert [round(value, 1) for value in rate] == [66.7, 100.0, 75.0]
    assert rows["Avis de participant·es recueillis"] == [3, 1, 4]
    mean = rows[
        "Appréciation moyenne des séances, de 1 (pas du tout) à 4 (très bien), sur les avis "
        "recueillis"
    ]
    assert mean == [pytest.approx(3.0), pytest.approx(4.0), pytest.approx(13 / 4)]


def test_once_the_year_is_over_no_session_is_to_come(workshops_year):
    rows = raw("workshops.activity")  # computed today, long after 2025
    assert rows["dont séances passées sans présences saisies"] == [3, 0, 3]
    assert rows["dont séances à venir"] == [0, 0, 0]


def test_only_the_centres_of_the_scope_count(workshops_year):
    rows = raw("workshops.activity", scope(("lounes-matoub", "grand-air")))
    # Lounès Matoub (position 3) comes after Grand Air; its cycle is in scope now.
    assert rows["Séances prévues dans la période"] == [5, 1, 6]
    rows = raw("workshops.activity", scope(("esperanto",)))
    assert rows["Cycles d’ateliers ayant au moins une séance dans la période"] == [1]
    assert rows["Avis de participant·es recueillis"] == [1]


def test_workshop_figures_cost_one_query_whatever_the_data(
    workshops_year, django_assert_num_queries
):
    indicator = next(i for i in registered_indicators() if i.key == "workshops.activity")
    year = on_24_december()
    with django_assert_num_queries(1):
        indicator.compute(year)
    by, sessions, people = _cycle("esperanto", D(2025, 9, 1), 3, 4)
    for session in sessions:
        _attendance(by, session, people, [PRESENT] * 4, [3, 4])
    year = on_24_december()
    with django_assert_num_queries(1):
        table = indicator.compute(year)
    assert table.rows[1].values == [5, 4, 9]
