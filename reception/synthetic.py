"""Synthetic visits, requests with their transitions, and hand-offs (see parcours/synthetic.py)."""

from django.db import connection

from parcours.synthetic import Seed, register_generator
from reception.counters import REBUILD_SQL

# Visits per person (one in ten anonymous, counted only), requests per person.
VISITS_PER_PERSON = 4
REQUESTS_PER_PERSON = 0.8


def _need_codes() -> str:
    from reception.needs import allowed_codes

    codes = sorted(allowed_codes())[:12]
    return "ARRAY[" + ",".join("'" + code.replace("'", "''") + "'" for code in codes) + "]"


@register_generator(
    "reception.visits",
    tables=["reception_visit"],
    after=["people.persons"],
    events_per_person=VISITS_PER_PERSON,
)
def visits(seed: Seed) -> None:
    seed.execute(
        f"""
        INSERT INTO reception_visit (at, centre_id, site_id, agent_id, person_id, reason, outcome)
        SELECT {seed.moment_sql()}, {seed.person_centre_sql("s.p")}, {seed.person_site_sql("s.p")},
            {seed.staff_sql()}, CASE WHEN random() < 0.1 THEN NULL ELSE s.p END,
            (ARRAY['information', 'integration_request', 'appointment', 'workshop', 'other'])
                [1 + floor(random() * 5)::int],
            (ARRAY['information_given', 'handed_to_coordinator', 'appointment_made',
                   'oriented_elsewhere'])[1 + floor(random() * 4)::int]
        FROM (
            SELECT {seed.random_person_sql()} AS p
            FROM generate_series(1, {seed.persons * VISITS_PER_PERSON})
        ) s
        """,
        label="reception_visit",
    )


@register_generator(
    "reception.requests",
    tables=["reception_integrationrequest", "reception_requesttransition", "reception_handoff"],
    after=["people.persons"],
    events_per_person=REQUESTS_PER_PERSON * 3,  # the request, ~2 transitions, ~1 hand-off
)
def requests(seed: Seed) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM reception_integrationrequest")
        before = cursor.fetchone()[0]
    count = int(seed.persons * REQUESTS_PER_PERSON)
    # Requests of the last 30 days wait in the queues; older ones are in accompaniment
    # for a year at most, then closed.
    seed.execute(
        f"""
        INSERT INTO reception_integrationrequest (person_id, centre_id, needs, description,
            urgency, status, status_changed_at, closing_reason, renews_id, created_at,
            created_by_id)
        SELECT s.p, {seed.person_centre_sql("s.p")},
            ARRAY[({_need_codes()})[1 + floor(random() * 12)::int]], '',
            CASE WHEN random() < 0.1 THEN 'urgent' ELSE 'normal' END, s.status,
            s.created_at + CASE WHEN s.status = 'new' THEN interval '0'
                                ELSE random() * interval '20 days' END,
            CASE WHEN s.status = 'closed' THEN 'Accompagnement terminé' ELSE '' END,
            NULL, s.created_at, {seed.staff_sql()}
        FROM (
            SELECT p, created_at,
                CASE WHEN age < 30 AND r < 0.2 THEN 'new'
                     WHEN age < 30 AND r < 0.35 THEN 'awaiting_analysis'
                     WHEN age < 30 AND r < 0.75 THEN 'in_accompaniment'
                     WHEN age < 365 AND r < 0.2 THEN 'in_accompaniment'
                     ELSE 'closed' END AS status
            FROM (
                SELECT {seed.random_person_sql()} AS p, now() - d * interval '1 day' AS created_at,
                    d AS age, random() AS r
                FROM (SELECT random() * 1095 AS d FROM generate_series(1, {count})) g
            ) aged
        ) s
        """,
        label="reception_integrationrequest",
    )
    seed.execute(
        f"""
        INSERT INTO reception_requesttransition (request_id, from_status, to_status, at, by_id,
            comment)
        SELECT id, '', 'new', created_at, created_by_id, ''
        FROM reception_integrationrequest WHERE id > {before}
        UNION ALL
        SELECT id, 'new', status, status_changed_at, {seed.staff_sql()}, ''
        FROM reception_integrationrequest WHERE id > {before} AND status <> 'new'
        """,
        label="reception_requesttransition",
    )
    seed.execute(
        f"""
        INSERT INTO reception_handoff (person_id, visit_id, request_id, from_user_id, to_role,
            to_centre_id, to_user_id, note, to_colleague, at, taken_at, taken_by_id, taken_reason)
        SELECT person_id, NULL, id, created_by_id,
            CASE WHEN status = 'awaiting_analysis' THEN 'counsellor' ELSE 'coordinator' END,
            centre_id, NULL, '', false, created_at,
            CASE WHEN status IN ('new', 'awaiting_analysis') THEN NULL ELSE status_changed_at END,
            CASE WHEN status IN ('new', 'awaiting_analysis') THEN NULL ELSE {seed.staff_sql()} END,
            ''
        FROM reception_integrationrequest WHERE id > {before}
        """,
        label="reception_handoff",
    )


@register_generator(
    "reception.counters", tables=[], after=["reception.visits", "reception.requests"]
)
def counters(seed: Seed) -> None:
    """The homes' counts (reception/counters.py): their triggers did not fire here."""
    seed.execute(REBUILD_SQL, label="reception_counters")
