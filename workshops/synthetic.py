"""Synthetic workshop cycles, their sessions, enrolments and attendance
(see parcours/synthetic.py).

Cycles of seven weekly sessions in the centres that offer collective accompaniment, spread
over the last two years and the next two months, as `workshops.services.open_cycle` creates
them (its creator is its facilitator). Each draws 8 to 12 people of its centre (never more
than its capacity of 12; a full one has two on its waiting list) and one who withdrew.
Attendance is taken at every past session for the enrolled, as `record_attendance` writes
it. The ids are computed, so the tables refer to each other without joins.
"""

import datetime
import math

from django.db import connection
from django.utils import timezone

from parcours.synthetic import Seed, register_generator

ENROLMENTS_PER_PERSON = 0.15
CAPACITY, SESSIONS, SLOTS = 12, 7, 15  # SLOTS: enrolment rows a cycle at most
PAST_WEEKS, FUTURE_WEEKS = 104, 8


def _max_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
        return cursor.fetchone()[0]


def _setval(seed: Seed, table: str) -> None:
    seed.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"(SELECT greatest(max(id), 1) FROM {table}))"
    )


@register_generator(
    "workshops.cycles",
    tables=[
        "workshops_cycle",
        "workshops_cycle_facilitators",
        "workshops_session",
        "workshops_enrolment",
        "workshops_attendance",
    ],
    after=["people.persons"],
    # The enrolment and its ~6 attendance rows; cycles and sessions are few.
    events_per_person=ENROLMENTS_PER_PERSON * 7,
)
def cycles(seed: Seed) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM organisations_centre WHERE id = ANY(%s) "
            "AND integration_mode IN ('collective', 'both') ORDER BY id",
            [seed.centre_ids],
        )
        collective = [row[0] for row in cursor.fetchall()]
    if not collective:
        return
    centres = len(seed.centre_ids)
    # People of one centre (person id p belongs to centre index 1 + p mod centres).
    per_centre = seed.persons // centres
    if per_centre < SLOTS:
        return
    count = max(1, math.ceil(seed.persons * ENROLMENTS_PER_PERSON / SLOTS))
    # Index in centre_ids (0-based) and site of each collective centre.
    indexes = [seed.centre_ids.index(c) for c in collective]
    sites = [seed.site_ids[i] for i in indexes]
    multiplier = 7919 if per_centre % 7919 else 7907  # prime to per_centre: distinct people
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday(), weeks=PAST_WEEKS)
    weeks = PAST_WEEKS + FUTURE_WEEKS
    cycle0, session0 = _max_id("workshops_cycle"), _max_id("workshops_session")
    enrolment0 = _max_id("workshops_enrolment")
    k = len(collective)
    # c: 0-based number of the cycle; its centre is collective[c mod k].
    seed.execute(
        f"""
        INSERT INTO workshops_cycle (id, title, starts_on, capacity, session_count,
            themes_validated_on, created_at, centre_id, created_by_id, site_id)
        SELECT {cycle0} + c + 1, 'Cycle « Vers l’emploi » n° ' || (c + 1), x.starts_on,
            {CAPACITY}, {SESSIONS}, NULL,
            least(now(), (x.starts_on - 30) + time '09:00'),
            (ARRAY{collective}::bigint[])[1 + c % {k}], {seed.staff_sql()},
            (ARRAY{sites}::bigint[])[1 + c % {k}]
        FROM generate_series(0, {count - 1}) AS c
        CROSS JOIN LATERAL (
            SELECT date '{monday.isoformat()}' + ((c::bigint * {weeks}) / {count})::int * 7
                + (c % 5) AS starts_on
        ) x
        """,
        label="workshops_cycle",
    )
    _setval(seed, "workshops_cycle")
    seed.execute(
        f"""
        INSERT INTO workshops_cycle_facilitators (cycle_id, user_id)
        SELECT id, created_by_id FROM workshops_cycle WHERE id > {cycle0}
        """,
        label="workshops_cycle_facilitators",
    )
    seed.execute(
        f"""
        INSERT INTO workshops_session (id, number, "on", attendance_taken_at, what_worked,
            adjustments, cycle_id, planned_theme_id, theme_id)
        SELECT {session0} + (c.id - {cycle0} - 1) * {SESSIONS} + n, n, d.on,
            CASE WHEN d.on < current_date THEN d.on + time '12:00' END, '', '', c.id, NULL,
            NULL
        FROM workshops_cycle c
        CROSS JOIN generate_series(1, {SESSIONS}) AS n
        CROSS JOIN LATERAL (SELECT c.starts_on + (n - 1) * 7 AS on) d
        WHERE c.id > {cycle0}
        """,
        label="workshops_session",
    )
    _setval(seed, "workshops_session")
    # Slot m of cycle c: enrolled below e (8 to 12 a cycle), then the one who withdrew,
    # then, when the cycle is full, two waiting.
    enrolments = f"""
        SELECT c, m, e,
            CASE WHEN m < e THEN 'enrolled' WHEN m = e THEN 'withdrawn' ELSE 'waiting' END
                AS status,
            {seed.first_person} + (((c::bigint * {SLOTS} + m) * {multiplier}) % {per_centre})
                * {centres}
                + ((((ARRAY{indexes}::int[])[1 + c % {k}] - {seed.first_person}) % {centres}
                    + {centres}) % {centres}) AS person_id
        FROM generate_series(0, {count - 1}) AS c
        CROSS JOIN LATERAL (SELECT {CAPACITY - 4} + c % 5 AS e) s
        CROSS JOIN generate_series(0, {SLOTS - 1}) AS m
        WHERE m <= e OR (e = {CAPACITY} AND m < e + 3)
    """
    seed.execute(
        f"""
        INSERT INTO workshops_enrolment (id, status, enrolled_at, status_changed_at, by_id,
            cycle_id, person_id)
        SELECT {enrolment0} + x.c * {SLOTS} + x.m + 1, x.status, t.at,
            CASE WHEN x.status = 'withdrawn' THEN least(now(), t.at + interval '2 days')
                 ELSE t.at END,
            cy.created_by_id, cy.id, x.person_id
        FROM ({enrolments}) x
        JOIN workshops_cycle cy ON cy.id = {cycle0} + x.c + 1
        CROSS JOIN LATERAL (
            SELECT least(now(), (cy.starts_on - ({SLOTS} - x.m)) + time '10:00') AS at
        ) t
        """,
        label="workshops_enrolment",
    )
    _setval(seed, "workshops_enrolment")
    seed.execute(
        f"""
        INSERT INTO workshops_attendance (status, recorded_at, by_id, enrolment_id, session_id)
        SELECT (ARRAY['present', 'present', 'present', 'present', 'present', 'present',
                      'present', 'present', 'excused', 'unexcused'])
                   [1 + floor(random() * 10)::int],
            s.attendance_taken_at, cy.created_by_id, e.id, s.id
        FROM workshops_enrolment e
        JOIN workshops_cycle cy ON cy.id = e.cycle_id
        JOIN workshops_session s ON s.cycle_id = e.cycle_id
        WHERE e.id > {enrolment0} AND e.status = 'enrolled' AND s.id > {session0}
          AND s.attendance_taken_at IS NOT NULL
        """,
        label="workshops_attendance",
    )
