"""A known year (2025) at Grand Air and Espéranto, whose figures are computed by hand in
the tests (tests/reports/test_indicators.py gives the arithmetic next to each assert).

People (age at 31/12/2025; neighbourhood: bel-air and montreau are QPVs, république not):
  P1 F 35 bel-air   [rsa]                  GA file; info visits at GA (×2) and ESP; request R1
  P2 F 20 bel-air   [rsa, activity_bonus]  accompaniment visit at GA; request R5 (2024)
  P3 M 65 république [pension]             info visit at GA; file created in 2024
  P4 M 40 –         []                     info visit at GA
  P5 F ?  bel-air   [rsa]                  request R2 (urgent)
  P6 ? 25 montreau  [salary]               appointment visit at GA
  P7 F 26 bel-air   []                     imported file; request R3 (closed)
  P8 M 45 –         []                     visit on 31/12/2024 only: not received in 2025
  P9 F 55 montreau  [rsa]                  ESP file; info visit at ESP
  P10 M 30 –        [are]                  ESP file; request R4
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from accounts.models import Role
from organisations.models import Neighbourhood
from people.models import ImportBatch, Person
from reception.models import (
    Handoff,
    IntegrationRequest,
    RequestStatus,
    RequestTransition,
    Visit,
    VisitOutcome,
    VisitReason,
)
from tests.factories import add_membership, centre, make_user
from tests.people.factories import PersonFactory

YEAR_START = datetime.date(2025, 1, 1)
YEAR_END = datetime.date(2025, 12, 31)
NEW, AWAITING, IN_ACC, CLOSED = (
    RequestStatus.NEW,
    RequestStatus.AWAITING_ANALYSIS,
    RequestStatus.IN_ACCOMPANIMENT,
    RequestStatus.CLOSED,
)


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _person(slug, sex, birth, neighbourhood, resources, *, created=None, **extra):
    person = PersonFactory(
        centre=centre(slug),
        sex=sex,
        birth_date=birth,
        neighbourhood=Neighbourhood.objects.get(slug=neighbourhood) if neighbourhood else None,
        resources=resources,
        **extra,
    )
    Person.objects.filter(pk=person.pk).update(created_at=created or at(2025, 1, 10))
    return person


def _visit(slug, person, reason, outcome, when):
    site = centre(slug).sites.order_by("position").first()
    return Visit.objects.create(
        centre=centre(slug), site=site, person=person, reason=reason, outcome=outcome, at=when
    )


def _request(person, slug, needs, created, moves, *, by, urgency="normal"):
    """A request and its dated moves [(from, to, when, by)]; its status is the last one."""
    status = moves[-1][1] if moves else NEW
    request = IntegrationRequest.objects.create(
        person=person,
        centre=centre(slug),
        needs=needs,
        urgency=urgency,
        status=status,
        closing_reason="Orientée ailleurs" if status == CLOSED else "",
        created_by=by,
    )
    IntegrationRequest.objects.filter(pk=request.pk).update(created_at=created)
    RequestTransition.objects.create(
        request=request, from_status="", to_status=NEW, at=created, by=by
    )
    for from_status, to_status, when, mover in moves:
        RequestTransition.objects.create(
            request=request, from_status=from_status, to_status=to_status, at=when, by=mover
        )
    return request


def known_year():
    ga, esp = "grand-air", "esperanto"
    coordinator_ga = make_user(Role.COORDINATOR, ga)
    coordinator_esp = make_user(Role.COORDINATOR, esp)
    cip = make_user(Role.COUNSELLOR, ga)
    for slug in (esp, "lounes-matoub"):
        add_membership(cip, Role.COUNSELLOR, slug, "epicerie-solidaire-aurore")
    batch = ImportBatch.objects.create(centre=centre(ga), filename="file-active.csv", data=b"")

    p1 = _person(ga, "F", datetime.date(1990, 6, 1), "bel-air-grands-pechers", ["rsa"],
                 referent=cip)  # fmt: skip
    p2 = _person(ga, "F", datetime.date(2005, 3, 1), "bel-air-grands-pechers",
                 ["rsa", "activity_bonus"], referent=coordinator_ga)  # fmt: skip
    p3 = _person(ga, "M", datetime.date(1960, 1, 1), "republique", ["pension"],
                 created=at(2024, 5, 1))  # fmt: skip
    p4 = _person(ga, "M", datetime.date(1985, 12, 31), None, [])
    p5 = _person(ga, "F", None, "bel-air-grands-pechers", ["rsa"])
    p6 = _person(ga, "", datetime.date(2000, 1, 1), "montreau-le-morillon", ["salary"])
    p7 = _person(ga, "F", datetime.date(1999, 5, 5), "bel-air-grands-pechers", [],
                 import_batch=batch)  # fmt: skip
    p8 = _person(ga, "M", datetime.date(1980, 1, 1), None, [], created=at(2024, 2, 1))
    p9 = _person(esp, "F", datetime.date(1970, 1, 1), "montreau-le-morillon", ["rsa"])
    p10 = _person(esp, "M", datetime.date(1995, 1, 1), None, ["are"])

    info = (VisitReason.INFORMATION, VisitOutcome.INFORMATION_GIVEN)
    # Grand Air: 10 visits in 2025 — 7 information, 3 accompaniment; 4 anonymous.
    _visit(ga, p1, *info, at(2025, 1, 20))
    _visit(ga, p1, *info, at(2025, 2, 20))
    desk_visit = _visit(
        ga, p2, VisitReason.INTEGRATION_REQUEST, VisitOutcome.HANDED_TO_COORDINATOR, at(2025, 2, 1)
    )
    _visit(ga, p3, *info, at(2025, 3, 3))
    _visit(ga, p4, VisitReason.OTHER, VisitOutcome.ORIENTED_ELSEWHERE, at(2025, 4, 4))
    _visit(ga, p6, VisitReason.APPOINTMENT, VisitOutcome.INFORMATION_GIVEN, at(2025, 5, 5))
    for day in (1, 2, 3):
        _visit(ga, None, *info, at(2025, 6, day))
    _visit(ga, None, VisitReason.WORKSHOP, VisitOutcome.INFORMATION_GIVEN, at(2025, 6, 4))
    _visit(ga, p8, *info, at(2024, 12, 31, 23))  # the evening before: not in 2025
    _visit(ga, p8, *info, at(2026, 1, 1, 0))  # just after: not in 2025 either
    # Espéranto: 4 visits, all information; 2 anonymous. P1 comes here too.
    _visit(esp, p9, *info, at(2025, 7, 1))
    _visit(esp, p1, *info, at(2025, 7, 2))
    _visit(esp, None, *info, at(2025, 7, 3))
    _visit(esp, None, *info, at(2025, 7, 4))

    c_ga, c_esp = coordinator_ga, coordinator_esp
    r1 = _request(
        p1, ga,
        ["trouver-un-emploi", "trouver-un-emploi--maintien-dans-lemploi", "se-former"],
        at(2025, 2, 1),
        [(NEW, AWAITING, at(2025, 2, 5), c_ga), (AWAITING, IN_ACC, at(2025, 2, 10), cip)],
        by=c_ga,
    )  # fmt: skip
    _request(
        p5, ga, ["trouver-un-emploi--maintien-dans-lemploi"], at(2025, 3, 1),
        [(NEW, AWAITING, at(2025, 3, 2), c_ga), (AWAITING, IN_ACC, at(2025, 3, 25), cip)],
        by=c_ga, urgency="urgent",
    )  # fmt: skip
    _request(p7, ga, [], at(2025, 11, 1), [(NEW, CLOSED, at(2025, 11, 10), c_ga)], by=c_ga)
    _request(
        p10, esp, ["numerique"], at(2025, 6, 1), [(NEW, AWAITING, at(2025, 6, 3), c_esp)],
        by=c_esp,
    )  # fmt: skip
    _request(
        p2, ga, ["mobilite"], at(2024, 6, 1),
        [(NEW, AWAITING, at(2024, 6, 5), c_ga), (AWAITING, IN_ACC, at(2025, 1, 15), cip)],
        by=c_ga,
    )  # fmt: skip

    Handoff.objects.create(person=p2, visit=desk_visit, to_role=Role.COORDINATOR,
                           to_centre=centre(ga), at=at(2025, 2, 1),
                           taken_at=at(2025, 2, 1, 15), taken_by=c_ga)  # fmt: skip
    Handoff.objects.create(person=p1, request=r1, to_role=Role.COUNSELLOR, to_centre=centre(ga),
                           at=at(2025, 2, 5), taken_at=at(2025, 2, 6), taken_by=cip)  # fmt: skip
    Handoff.objects.create(person=p1, request=r1, to_role=Role.COUNSELLOR, to_centre=centre(ga),
                           to_user=cip, to_colleague=True, at=at(2025, 4, 1))  # fmt: skip
    Handoff.objects.create(person=p10, to_role=Role.COORDINATOR, to_centre=centre(esp),
                           at=at(2025, 6, 3))  # fmt: skip
    return SimpleNamespace(
        people=[p1, p2, p3, p4, p5, p6, p7, p8, p9, p10],
        coordinator_ga=c_ga,
        coordinator_esp=c_esp,
        cip=cip,
    )
