"""The file's timeline is read a page at a time: bounded providers return only what the
page needs (cost independent of the history's length), providers of other apps registered
the old way keep working, and walking the pages shows every entry once, ties included."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from people import timeline
from people.models import Note
from people.timeline import (
    TimelineCursor,
    TimelineEntry,
    register_timeline_provider,
    timeline_for,
    timeline_page,
)
from tests.people.factories import NoteFactory, PersonFactory
from tests.reception.factories import VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unbounded_provider():
    """Another app's provider, registered with the original interface (person, user)."""
    same_moment = timezone.now() - datetime.timedelta(days=2)
    entries = [TimelineEntry(same_moment, "atelier", f"Atelier {n}") for n in range(5)]
    register_timeline_provider("tests.workshops", lambda person, user: entries)
    yield same_moment
    timeline._timeline_providers.pop("tests.workshops")


def _walk(person, user, size):
    titles, cursor, pages = [], None, 0
    while True:
        page = timeline_page(person, user, size=size, cursor=cursor)
        titles += [entry.title for entry in page.object_list]
        pages += 1
        if not page.has_next:
            return titles, pages
        cursor = TimelineCursor.parse(str(page.next_cursor))


def test_walking_the_pages_shows_every_entry_once_in_order(
    coordinator_grand_air, unbounded_provider
):
    person = PersonFactory()
    for n in range(7):  # notes dated exactly like the workshops: ties across providers
        note = NoteFactory(person=person, text=f"Note {n}")
        Note.objects.filter(pk=note.pk).update(created_at=unbounded_provider)
    for n in range(9):
        VisitFactory(person=person, at=timezone.now() - datetime.timedelta(hours=n))
    everything = [entry.title for entry in timeline_for(person, coordinator_grand_air)]
    for size in (1, 2, 3, 4, 20):
        titles, pages = _walk(person, coordinator_grand_air, size)
        assert titles == everything
        assert pages == -(-len(everything) // size)


def test_numbered_pages_match_the_full_timeline(coordinator_grand_air, unbounded_provider):
    person = PersonFactory()
    for n in range(12):
        VisitFactory(person=person, at=timezone.now() - datetime.timedelta(days=n))
    everything = timeline_for(person, coordinator_grand_air)
    second = timeline_page(person, coordinator_grand_air, size=5, number=2)
    assert second.object_list == everything[5:10]
    assert second.has_previous and second.has_next


def test_a_bad_cursor_is_the_first_page():
    assert TimelineCursor.parse("abc") is None
    assert TimelineCursor.parse("12-3-4") is None
    assert TimelineCursor.parse("12--1") is None


def _file_page(client, person, extra=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("people:file", kwargs={"pk": person.pk}), extra or {})
    assert response.status_code == 200
    return response, [query["sql"] for query in captured]


def test_the_file_reads_a_page_of_visits_however_long_the_history(client, coordinator_grand_air):
    short, long_ = PersonFactory(), PersonFactory()
    for person, count in ((short, 30), (long_, 300)):
        for n in range(count):
            VisitFactory(person=person, at=timezone.now() - datetime.timedelta(hours=n))
    client.force_login(coordinator_grand_air)
    few = _file_page(client, short)[1]
    response, many = _file_page(client, long_)
    assert len(few) == len(many)
    visits = [sql for sql in many if 'FROM "reception_visit"' in sql]
    assert visits and all("LIMIT 21" in sql for sql in visits)
    # "Entrées plus anciennes" follows the cursor: same cost on a deep page.
    older = response.context["page"].next_cursor
    deep, deep_queries = _file_page(client, long_, {"avant": str(older)})
    assert len(deep_queries) == len(many)
    assert "Entrées plus anciennes" in deep.content.decode()
    assert "Retour aux entrées les plus récentes" in deep.content.decode()
