"""The requests' last moves (reports/request_moves.py) stay exact whatever writes the
moves, and the requests open at the end of a period read from them are those of the
definition: the status of each request's last move before that day."""

import datetime

import pytest
from django.db import connection

from audit.retention import history_write_allowed
from organisations.models import Centre
from reception.models import IntegrationRequest, RequestStatus, RequestTransition
from reports import request_moves
from reports.registry import ReportScope, parse_age_bands
from reports.sql import fetch
from tests.reports.dataset import at, known_year

pytestmark = pytest.mark.django_db

ENDS = [
    datetime.date(2024, 12, 31),
    datetime.date(2025, 2, 1),
    datetime.date(2025, 6, 30),
    datetime.date(2025, 12, 31),
    datetime.date(2026, 12, 31),
]


def scope(end):
    centres = Centre.objects.filter(slug__in=("grand-air", "esperanto")).order_by("position")
    return ReportScope(
        centres=tuple((c.pk, c.name) for c in centres),
        start=datetime.date(2024, 1, 1),
        end=end,
        age_bands=parse_age_bands("0-25, 26+"),
    )


def open_at_end_by_definition(scope_):
    return sorted(
        (row["centre_id"], row["status"])
        for row in fetch(
            """
            SELECT centre_id, status FROM (
                SELECT DISTINCT ON (t.request_id) r.centre_id, t.to_status AS status
                FROM reception_requesttransition t
                JOIN reception_integrationrequest r ON r.id = t.request_id
                WHERE r.centre_id = ANY(%(centres)s) AND t.at < %(end)s
                ORDER BY t.request_id, t.at DESC, t.id DESC
            ) AS last_moves
            WHERE status <> 'closed'
            """,
            scope_.sql_params(),
        )
    )


def open_at_end_by_indicator(scope_):
    from reports.indicators.reception import lifecycle

    table = lifecycle(scope_)
    rows = {row.label: row.values for row in table.rows}
    label = f"Demandes en cours au {scope_.end:%d/%m/%Y}"
    return rows[label][-1]


def test_the_last_moves_follow_every_write_and_give_the_definition():
    known_year()
    assert request_moves.differences() == 0
    request = IntegrationRequest.objects.order_by("pk").first()
    # A move added later, one added earlier than the last, several at once in raw SQL.
    RequestTransition.objects.create(
        request=request, from_status="", to_status=RequestStatus.CLOSED, at=at(2025, 7, 1)
    )
    RequestTransition.objects.create(
        request=request, from_status="", to_status=RequestStatus.NEW, at=at(2024, 1, 2)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO reception_requesttransition
                   (request_id, from_status, to_status, at, comment)
               SELECT id, 'closed', 'awaiting_analysis', created_at + interval '400 days', ''
               FROM reception_integrationrequest"""
        )
    assert request_moves.differences() == 0
    for end in ENDS:
        expected = open_at_end_by_definition(scope(end))
        assert open_at_end_by_indicator(scope(end)) == len(expected)
    # A move dated back, then the latest moves deleted (the history is append-only but
    # for retention): the earlier ones count again.
    latest = RequestTransition.objects.filter(request=request).order_by("-at", "-pk").first()
    with history_write_allowed():
        RequestTransition.objects.filter(pk=latest.pk).update(at=at(2023, 1, 1))
    assert request_moves.differences() == 0
    with history_write_allowed():
        RequestTransition.objects.filter(to_status=RequestStatus.AWAITING_ANALYSIS).delete()
    assert request_moves.differences() == 0
    for end in ENDS:
        expected = open_at_end_by_definition(scope(end))
        assert open_at_end_by_indicator(scope(end)) == len(expected)
    # A request erased takes its moves, and its row, with it.
    with history_write_allowed():
        request.delete()
    assert request_moves.differences() == 0


def test_rebuild_gives_the_rows_back_after_writes_without_triggers():
    known_year()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reports_requestlastmove")
    assert request_moves.differences() > 0
    request_moves.rebuild()
    assert request_moves.differences() == 0
