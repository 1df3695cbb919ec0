"""Demo workshops: a seven-session cycle at Espéranto led by its coordinator with the CIP,
begun three weeks ago (themes validated, attendance of the sessions held), its sessions in
both facilitators' agendas. Oumou Diallo's enrolment is part of her accompaniment.
Idempotent: a second run changes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from accounts.models import User
from organisations.models import Centre
from people.models import Person
from workshops import services
from workshops.models import AttendanceStatus, Cycle, EnrolmentStatus, Theme

TITLE = "Remobilisation vers l’emploi – démonstration"
PARTICIPANTS = ["DEMO-ACC-06", "DEMO-ACC-07", "DEMO-ACC-08"]
# Tried in turn: the first slot where both facilitators are free carries the cycle.
START_TIMES = [datetime.time(14, 0), datetime.time(9, 30), datetime.time(16, 30)]


def _open(coordinator, cip, esperanto, starts_on):
    for start_time in START_TIMES:
        try:
            with transaction.atomic():
                return services.open_cycle(
                    by=coordinator,
                    centre=esperanto,
                    site=esperanto.sites.order_by("position").first(),
                    title=TITLE,
                    facilitators=[coordinator, cip],
                    starts_on=starts_on,
                    capacity=8,
                    session_count=7,
                    start_time=start_time,
                    duration=120,
                )
        except services.WorkshopRefused:
            continue
    return None


def load():
    if Cycle.objects.filter(title=TITLE).exists():
        return None
    coordinator = User.objects.filter(email=f"coordination.esperanto@{DEMO_DOMAIN}").first()
    cip = User.objects.filter(email=f"cip@{DEMO_DOMAIN}").first()
    esperanto = Centre.objects.filter(slug="esperanto").first()
    if coordinator is None or cip is None or esperanto is None:
        return None
    # A Tuesday three weeks ago: three sessions held, four to come.
    today = timezone.localdate()
    starts_on = today - datetime.timedelta(weeks=3, days=(today.weekday() - 1) % 7)
    cycle = _open(coordinator, cip, esperanto, starts_on)
    if cycle is None:
        return None
    sessions = list(cycle.sessions.order_by("number"))
    themes = list(Theme.objects.order_by("position")[: len(sessions)])
    if themes:
        services.set_themes(
            by=coordinator,
            cycle=cycle,
            themes_by_session={s.pk: themes[i % len(themes)] for i, s in enumerate(sessions)},
            validate=True,
        )
    people = Person.objects.filter(
        file_reference__in=PARTICIPANTS, merged_into__isnull=True, centre=esperanto
    )
    enrolments = [services.enrol(by=cip, cycle=cycle, person=person) for person in people]
    enrolled = [e for e in enrolments if e.status == EnrolmentStatus.ENROLLED]
    statuses = [AttendanceStatus.PRESENT, AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED]
    for index, session in enumerate(sessions):
        if session.on >= today or not enrolled:
            break
        services.record_attendance(
            by=coordinator,
            session=session,
            statuses={
                e.pk: statuses[(index + position) % len(statuses)]
                for position, e in enumerate(enrolled)
            },
        )
    return None
