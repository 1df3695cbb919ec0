"""Reports read from the replica when there is one; everything else stays on the primary."""

import pytest

from parcours.routers import ReportsReplicaRouter, reports_on_replica
from people.models import Person
from reception.models import Counter, VisitDay

ROUTER = ReportsReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    """As with DATABASE_REPLICA_URL set (the router only asks whether "replica" exists)."""
    monkeypatch.setattr("parcours.routers.has_replica", lambda: True)


def test_without_a_replica_every_read_stays_on_the_primary():
    assert ROUTER.db_for_read(VisitDay) is None
    with reports_on_replica():
        assert ROUTER.db_for_read(Person) is None


def test_statistics_are_read_from_the_replica_and_files_from_the_primary(with_replica):
    assert ROUTER.db_for_read(VisitDay) == "replica"
    assert ROUTER.db_for_read(Counter) == "replica"
    assert ROUTER.db_for_read(Person) is None
    assert ROUTER.db_for_write(VisitDay) == "default"


def test_a_report_reads_everything_from_the_replica_within_its_block(with_replica):
    with reports_on_replica():
        assert ROUTER.db_for_read(Person) == "replica"
    assert ROUTER.db_for_read(Person) is None


def test_the_replica_is_never_migrated():
    assert ROUTER.allow_migrate("replica", "people") is False
    assert ROUTER.allow_migrate("default", "people") is True
