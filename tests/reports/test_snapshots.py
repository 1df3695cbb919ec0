"""Figures read again from their snapshot while no data they come from changed.

These tests commit (transaction=True): whether a snapshot is current depends on which
transactions PostgreSQL saw commit, which a test's single transaction cannot show.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import LoginSession, Role
from organisations.models import Centre
from organisations.reference import load_reference_data
from reception.models import Visit, VisitOutcome, VisitReason
from reports import snapshots
from reports.models import FigureSnapshot
from reports.registry import ReportScope, default_age_bands
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)
VISITS = "Passages à l’accueil"


@pytest.fixture(autouse=True)
def _reference():
    load_reference_data()  # an earlier transactional test may have emptied the tables


def _scope():
    today = timezone.localdate()
    grand_air = centre("grand-air")
    return ReportScope(
        centres=((grand_air.pk, grand_air.name),),
        start=datetime.date(today.year, 1, 1),
        end=datetime.date(today.year, 12, 31),
        age_bands=default_age_bands(),
    )


def _visit(person=None, count=1):
    """`count` visits at Grand Air, now (five at least for a count not shown « < 5 »)."""
    site = centre("grand-air").sites.order_by("position").first()
    Visit.objects.bulk_create(
        Visit(
            centre=site.centre,
            site=site,
            person=person,
            reason=VisitReason.INFORMATION,
            outcome=VisitOutcome.INFORMATION_GIVEN,
            at=timezone.now(),
        )
        for _ in range(count)
    )


def _visits(figures) -> int:
    figure = next(f for f in figures if f["key"] == "reception.visits")
    row = next(r for r in figure["rows"] if r["label"] == VISITS)
    return row["cells"][0]["value"]


def test_every_table_the_figures_read_tells_when_it_changed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [snapshots.TRIGGER],
        )
        triggered = {row[0] for row in cursor.fetchall()}
    tables = set(snapshots.source_tables())
    assert "last_login" not in snapshots.source_tables()["accounts_user"]
    read_by_the_figures = [
        "reception_visit",
        "people_person",
        "accompaniment_accompaniment",
        "agenda_appointment",
        "workshops_attendance",
        "organisations_centre",
    ]
    assert set(read_by_the_figures) <= tables
    assert tables <= triggered
    assert "audit_accesslog" not in triggered  # reading a file does not outdate figures


def test_unchanged_data_is_read_back_in_one_query_with_the_same_figures():
    _visit(count=5)
    first = snapshots.figures_for(_scope())
    assert first.current and _visits(first.figures) == 5
    scope = _scope()
    with CaptureQueriesContext(connection) as read:
        again = snapshots.figures_for(scope)
    assert len(read) == 1, [q["sql"][:150] for q in read.captured_queries]
    assert again.figures == first.figures
    assert again.as_of == first.as_of and again.current
    assert again.as_of < scope.as_of  # shown with the moment they were computed at


def test_a_committed_change_makes_the_figures_computed_again():
    _visit(count=5)
    assert _visits(snapshots.figures_for(_scope()).figures) == 5
    _visit()
    after = snapshots.figures_for(_scope())
    assert after.current and _visits(after.figures) == 6


def test_a_change_to_a_person_outdates_the_profile():
    person = PersonFactory(centre=centre("grand-air"), sex="F")
    _visit(person=person, count=5)
    before = snapshots.figures_for(_scope())
    person.sex = "M"
    person.save()
    after = snapshots.figures_for(_scope())
    assert after.as_of > before.as_of


def test_reading_pages_and_logging_in_do_not_outdate_the_figures(client):
    _visit(count=5)
    computed = snapshots.figures_for(_scope())
    LoginSession.objects.create(session_key="x" * 32, user=make_user(Role.RECEPTION, "grand-air"))
    person = PersonFactory(centre=centre("grand-air"))  # a write to a source table...
    person.delete()
    assert snapshots.figures_for(_scope()).as_of > computed.as_of  # ...outdates them
    computed = snapshots.figures_for(_scope())
    coordinator = make_user(Role.COORDINATOR, "grand-air")
    now_computed = snapshots.figures_for(_scope())
    assert now_computed.as_of > computed.as_of  # a new colleague: the team's figures moved
    client.force_login(coordinator)
    assert client.get(reverse("dashboard:home")).status_code == 200
    assert snapshots.figures_for(_scope()).as_of == now_computed.as_of


def test_a_transaction_that_wrote_keeps_no_snapshot():
    with transaction.atomic():
        _visit(count=5)
        assert _visits(snapshots.figures_for(_scope()).figures) == 5
        _visit()
        assert _visits(snapshots.figures_for(_scope()).figures) == 6
        assert not FigureSnapshot.objects.exists()


def test_figures_of_an_earlier_day_are_computed_again():
    _visit(count=5)
    computed = snapshots.figures_for(_scope())
    yesterday = computed.as_of - datetime.timedelta(days=1)
    FigureSnapshot.objects.update(as_of=yesterday)
    again = snapshots.figures_for(_scope())
    assert again.current and again.as_of > yesterday


def test_within_the_tolerance_the_last_figures_are_shown_while_the_queue_computes(
    settings, run_worker, client
):
    settings.REPORTS_SNAPSHOT_TOLERANCE = 600
    _visit(count=5)
    director = make_user(Role.DIRECTOR, "grand-air")
    client.force_login(director)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Des données ont changé depuis" not in page
    _visit()
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Des données ont changé depuis : les chiffres à jour seront prêts" in page
    assert run_worker(queues=["reports"]) == 1
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Des données ont changé depuis" not in page
    snapshot = FigureSnapshot.objects.get(indicators="reception.visits")
    assert _visits(snapshot.figures) == 6


def test_past_the_tolerance_the_figures_are_computed_at_once(settings):
    settings.REPORTS_SNAPSHOT_TOLERANCE = 600
    _visit(count=5)
    computed = snapshots.figures_for(_scope())
    FigureSnapshot.objects.update(as_of=computed.as_of - datetime.timedelta(minutes=11))
    _visit()
    after = snapshots.figures_for(_scope())
    assert after.current and _visits(after.figures) == 6


def test_the_night_refreshes_what_was_read_and_forgets_the_rest():
    _visit(count=5)
    scope = _scope()
    snapshots.figures_for(scope)
    other = ReportScope(
        centres=scope.centres, start=scope.start, end=scope.end - datetime.timedelta(days=1)
    )
    snapshots.figures_for(other)
    today = timezone.localdate()
    FigureSnapshot.objects.filter(key=snapshots.snapshot_key(other)).update(
        read_on=today - datetime.timedelta(days=snapshots.KEPT_DAYS + 1)
    )
    _visit()
    assert snapshots.refresh_read_snapshots() == 1
    assert list(FigureSnapshot.objects.values_list("key", flat=True)) == [
        snapshots.snapshot_key(scope)
    ]
    with CaptureQueriesContext(connection) as read:
        assert _visits(snapshots.figures_for(scope).figures) == 6
    assert len(read) == 1


def test_a_removed_centre_drops_its_snapshot():
    _visit(count=5)
    snapshots.figures_for(_scope())
    snapshot = FigureSnapshot.objects.get()
    snapshot.centre_ids = [Centre.objects.order_by("-pk").first().pk + 1000]
    snapshot.save()
    _visit()
    assert snapshots.refresh(snapshot.key) is False
    assert not FigureSnapshot.objects.exists()


def test_the_figures_page_and_its_export_show_the_same_moment(client):
    _visit(count=5)
    director = make_user(Role.DIRECTOR, "grand-air")
    client.force_login(director)
    url = reverse("reports:figures")
    page = client.get(url).content.decode()
    snapshot = FigureSnapshot.objects.get()
    as_of = timezone.localtime(snapshot.as_of)
    assert f"Chiffres calculés le {as_of.day} " in page
    client.get(reverse("reports:figures_export", kwargs={"file_format": "csv"}))
    assert FigureSnapshot.objects.get().as_of == snapshot.as_of  # read back, not recomputed
