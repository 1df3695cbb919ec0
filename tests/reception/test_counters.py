"""The homes' counts come from tables kept by triggers: they must equal the rows' counts
after every kind of write (create, transition, take-over, move, delete, merge)."""

import datetime

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from reception.counters import rebuild_counters
from reception.models import Counter, Handoff, IntegrationRequest, Visit, VisitDay
from tests.factories import centre
from tests.reception.factories import HandoffFactory, PersonFactory, RequestFactory, VisitFactory

pytestmark = pytest.mark.django_db


def _from_rows():
    zone = timezone.get_current_timezone()
    visits = {}
    for visit in Visit.objects.all():
        key = (visit.centre_id, visit.at.astimezone(zone).date())
        total, anonymous = visits.get(key, (0, 0))
        visits[key] = (total + 1, anonymous + (visit.person_id is None))
    counters = {
        (row["centre_id"], f"request:{row['status']}"): row["n"]
        for row in IntegrationRequest.objects.values("centre_id", "status").annotate(n=Count("pk"))
    }
    for row in (
        Handoff.objects.filter(taken_at__isnull=True).values("to_centre_id").annotate(n=Count("pk"))
    ):
        counters[(row["to_centre_id"], "handoff:open")] = row["n"]
    return visits, counters


def _from_tables():
    visits = {
        (day.centre_id, day.day): (day.visits, day.anonymous)
        for day in VisitDay.objects.exclude(visits=0)
    }
    counters = {(c.centre_id, c.key): c.value for c in Counter.objects.exclude(value=0)}
    return visits, counters


def test_counts_stay_exact_through_every_kind_of_write():
    person = PersonFactory()
    other = PersonFactory(centre=centre("esperanto"))
    late = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 30))  # local day boundary
    visits = [
        VisitFactory(person=person),
        VisitFactory(anonymous=True),
        VisitFactory(person=person, at=late),
        VisitFactory(centre=centre("esperanto"), person=other),
    ]
    requests = [RequestFactory(person=person), RequestFactory(person=person, awaiting=True)]
    handoff = HandoffFactory(person=person, request=requests[0])
    HandoffFactory(person=person)
    assert _from_tables() == _from_rows()

    # A transition, a take-over, a visit moved to another day and made anonymous, deletions.
    IntegrationRequest.objects.filter(pk=requests[0].pk).update(status="in_accompaniment")
    Handoff.objects.filter(pk=handoff.pk).update(taken_at=timezone.now())
    Visit.objects.filter(pk=visits[0].pk).update(
        at=timezone.now() - datetime.timedelta(days=3), person=None
    )
    Visit.objects.filter(pk=visits[3].pk).update(person=person)  # a merge moves visits
    Visit.objects.filter(pk=visits[1].pk).delete()
    Handoff.objects.filter(request=requests[1]).delete()
    assert _from_tables() == _from_rows()


def test_rebuild_gives_the_same_counts_as_the_triggers():
    person = PersonFactory()
    VisitFactory(person=person)
    VisitFactory(anonymous=True)
    RequestFactory(person=person, closed=True)
    HandoffFactory(person=person)
    kept = _from_tables()
    rebuild_counters()
    assert _from_tables() == kept == _from_rows()
    assert Counter.objects.filter(Q(key="request:closed") | Q(key="handoff:open")).count() == 2
