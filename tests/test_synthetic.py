"""seed_synthetic: each app plugs its generator in; every table gets its rows and the
homes' counters and the search vocabulary are filled as the triggers would."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours import synthetic
from people.models import NameWord, Person
from reception.models import Counter, IntegrationRequest, Visit, VisitDay

pytestmark = pytest.mark.django_db


def test_generators_run_after_what_they_need():
    names = [generator.name for generator in synthetic.generators()]
    assert names[0] == "people.persons"
    assert names.index("reception.counters") > names.index("reception.visits")
    assert names.index("reception.counters") > names.index("reception.requests")


def test_an_app_plugs_its_generator_in_and_gets_the_new_people():
    seen = {}

    @synthetic.register_generator("tests.workshops", tables=[], after=["people.persons"])
    def workshops(seed):
        seen["range"] = (seed.first_person, seed.last_person)

    try:
        call_command("seed_synthetic", persons=200, verbosity=0)
    finally:
        synthetic._generators.pop("tests.workshops")
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    assert seen["range"] == (ids[0], ids[-1]) and len(ids) == 200


def _rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        return cursor.fetchone()[0]


def test_every_registered_table_filled_about_twenty_events_a_person_and_exact_counters():
    call_command("seed_synthetic", persons=500, verbosity=0)
    tables = {t for g in synthetic.generators() for t in g.tables} - {"people_person"}
    counts = {table: _rows(table) for table in tables}
    assert not [table for table, n in counts.items() if n == 0]
    # The accompaniments, the agenda and the workshops are there too.
    assert {"accompaniment_orientation", "agenda_appointment", "workshops_attendance"} <= tables
    assert 18 * 500 <= sum(counts.values()) <= 26 * 500
    # Bypassed triggers, rebuilt tables: the same as counting the rows.
    assert sum(VisitDay.objects.values_list("visits", flat=True)) == Visit.objects.count()
    by_status = dict(
        IntegrationRequest.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )
    counted = {
        key.split(":")[1]: value
        for key, value in Counter.objects.filter(key__startswith="request:")
        .values_list("key")
        .annotate(total=Sum("value"))
    }
    assert counted == by_status
    words = {
        w for name in Person.objects.values_list("search_name", flat=True) for w in name.split()
    }
    assert words <= set(NameWord.objects.values_list("word", flat=True))


def _orphans() -> list[str]:
    """Foreign keys pointing nowhere (the seed skips their triggers: it must be right)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text,
                af.attname
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
            """
        )
        found = []
        tables = {t for g in synthetic.generators() for t in g.tables}
        for table, column, target, key in cursor.fetchall():
            if table.strip('"') not in tables:
                continue
            cursor.execute(
                f'SELECT count(*) FROM {table} t WHERE t."{column}" IS NOT NULL AND NOT EXISTS '
                f'(SELECT 1 FROM {target} x WHERE x."{key}" = t."{column}")'
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
        return found


def test_the_constraints_hold_after_the_seed():
    """Foreign keys, the agenda's no-double-booking (added back after the inserts: they
    would refuse an overlap), one open accompaniment a person, enrolments within capacity,
    statuses consistent with their dates."""
    from accompaniment.models import Accompaniment, Action, Orientation
    from agenda.models import Appointment
    from workshops.models import Cycle

    call_command("seed_synthetic", persons=400, verbosity=0)
    assert _orphans() == []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'agenda_appointment'::regclass "
            "AND contype = 'x' ORDER BY conname"
        )
        assert [row[0] for row in cursor.fetchall()] == [
            "appointment_no_overlap_person",
            "appointment_no_overlap_room",
            "appointment_no_overlap_staff",
        ]
    open_per_person = (
        Accompaniment.objects.exclude(status="closed")
        .values("person")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not open_per_person.exists()
    assert not Accompaniment.objects.filter(status="closed", end_date__lt=F("start_date"))
    assert not Accompaniment.objects.filter(last_contact_on__lt=F("start_date"))
    # An appointment's accompaniment is the person's, open when it was booked.
    linked = Appointment.objects.filter(accompaniment__isnull=False)
    assert linked.exists()
    assert not linked.exclude(accompaniment__person=F("person"))
    assert not linked.filter(accompaniment__start_date__gt=F("created_at__date"))
    assert not Appointment.objects.filter(status="planned", status_changed_at__isnull=False)
    assert not Appointment.objects.filter(
        status__in=["seen", "no_show"], starts_at__gt=timezone.now()
    )
    assert not Action.objects.filter(status="done", done_on__isnull=True)
    assert not Orientation.objects.filter(status="sent", sent_at__isnull=True)
    over = Cycle.objects.annotate(
        n=Count("enrolments", filter=Q(enrolments__status="enrolled"))
    ).filter(n__gt=F("capacity"))
    assert not over.exists()


PAGES = [
    ("coordinator_grand_air", reverse("accompaniment:list")),
    ("counsellor", reverse("agenda:my_agenda") + "?vue=semaine"),
    ("coordinator_grand_air", reverse("workshops:cycle_list")),
    ("partner_mission_locale", reverse("orientations:received_list")),
]


def _counts(request, client) -> list[int]:
    counts = []
    for role, url in PAGES:
        client.force_login(request.getfixturevalue(role))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    # The pages' access-log rows wait for their deferred checks: run them before the
    # seed rebuilds that table's indexes (the test runs in one transaction).
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return counts


def test_query_counts_the_same_after_a_second_seed(request, client):
    """The lists read a page whatever the size of the base."""
    call_command("seed_synthetic", persons=150, verbosity=0)
    few = _counts(request, client)
    call_command("seed_synthetic", persons=450, verbosity=0)
    assert _counts(request, client) == few
