"""Summary tables of the reception's figures, kept exact by PostgreSQL triggers.

A year's bilan of the whole service reads a million passages twice (the passages counted,
the people counted once): these two tables hold what the figures need instead, so a
bilan costs the days and the people of its period, not the passages.

- `reports_passageday`: per centre and local day (Europe/Paris), the passages, of which
  anonymous, of which linked to the accompaniment (`IS_ACCOMPANIMENT_VISIT`). A period is
  made of whole local days (`ReportScope`), so its counts are sums of days.
- `reports_receivedyear`: per centre, person and local year, two bit strings of 366 bits
  (bit n: the (n+1)-th day of the year): the days the person was received there (a
  passage with their file, a request recorded) and the days one of these was about the
  accompaniment. A person is received in a period when their `days` meet the period's
  days (`period_masks`); accompanied when their `accompanied` days do. A year's service
  reads one row per person received, whatever the number of passages.

The people are those of the rows (`person_id`, a plain number, not a foreign key: a
merge moves the visits and requests, whose triggers move the bits); a merged file is left
out when read, by joining the files as the definition does (`reports.sql.RECEIVED_CTE`).

Statement-level triggers (transition tables) keep both tables exact in the transaction
that writes the visits and the requests, whatever writes them (services, admin, merge,
retention, raw SQL; a million rows at once costs one aggregate):
- the passage counts move by deltas (added rows +1, deleted −1, updated: −old +new);
- the received days are OR-ed in on insert; on delete or update, the rows of the people
  touched are locked, then their days recomputed from the visits and requests (each
  statement of a PL/pgSQL function sees what the transactions it waited for committed, so
  two transactions deleting the last passages of a day cannot each leave the other's bit).

`rebuild()` recomputes both from the rows (the synthetic data generator writes with the
triggers off); `differences()` compares them with the rows (`manage.py
check_report_summaries`).
"""

import datetime

from django.conf import settings
from django.db import connection

from reports.sql import IS_ACCOMPANIMENT_VISIT, PERSON, REQUEST, VISIT, statement_triggers

ZONE = settings.TIME_ZONE
BITS = 366
PASSAGES = "reports_passageday"
RECEIVED = "reports_receivedyear"
ZERO = f"B'0'::bit({BITS})"


def _local_day(column: str) -> str:
    return f"({column} AT TIME ZONE '{ZONE}')::date"


def _day_bit(column: str) -> str:
    """The bit of the local day of `column` (a timestamptz) in its year's string."""
    return f"(B'1'::bit({BITS}) >> (extract(doy FROM {column} AT TIME ZONE '{ZONE}')::int - 1))"


def _local_year(column: str) -> str:
    return f"extract(year FROM {column} AT TIME ZONE '{ZONE}')::int"


def _accompaniment(alias: str) -> str:
    return IS_ACCOMPANIMENT_VISIT.replace("v.", f"{alias}.")


def _passage_counts(source: str, alias: str, sign: int) -> str:
    """(centre_id, day, visits, anonymous, accompaniment) of the visits of `source`."""
    return f"""
        SELECT {alias}.centre_id, {_local_day(f"{alias}.at")} AS day,
               {sign} AS visits, {sign} * ({alias}.person_id IS NULL)::int AS anonymous,
               {sign} * ({_accompaniment(alias)})::int AS accompaniment
        FROM {source}
    """


def _add_passages(select: str) -> str:
    return f"""
        INSERT INTO {PASSAGES} AS d (centre_id, day, visits, anonymous, accompaniment)
        SELECT centre_id, day, sum(visits), sum(anonymous), sum(accompaniment)
        FROM ({select}) AS changes
        GROUP BY centre_id, day
        HAVING sum(visits) <> 0 OR sum(anonymous) <> 0 OR sum(accompaniment) <> 0
        ORDER BY centre_id, day
        ON CONFLICT (centre_id, day) DO UPDATE
           SET visits = d.visits + EXCLUDED.visits,
               anonymous = d.anonymous + EXCLUDED.anonymous,
               accompaniment = d.accompaniment + EXCLUDED.accompaniment;
    """


# What changes a visit's counts (its id apart): a row with any of these different moved.
_VISIT_KEY = "({0}.centre_id, {0}.at, {0}.person_id, {0}.reason, {0}.outcome)"
_REQUEST_KEY = "({0}.centre_id, {0}.person_id, {0}.created_at)"


def _events(visits: str | None = None, requests: str | None = None) -> str:
    """(centre_id, person_id, at, accompanied) of the named visits of `visits` and the
    requests of `requests` (FROM clauses whose rows are aliased v and r)."""
    parts = []
    if visits:
        parts.append(
            f"SELECT v.centre_id, v.person_id, v.at, {IS_ACCOMPANIMENT_VISIT} AS accompanied "
            f"FROM {visits} WHERE v.person_id IS NOT NULL"
        )
    if requests:
        parts.append(
            f"SELECT r.centre_id, r.person_id, r.created_at AS at, true AS accompanied "
            f"FROM {requests}"
        )
    return " UNION ALL ".join(parts)


def _moved(old: str, new: str, key: str, alias: str) -> str:
    """The rows of an UPDATE whose `key` changed, as they were (alias=old) or are (new)."""
    return (
        f"(SELECT {alias}.* FROM {old} o JOIN {new} n USING (id) "
        f"WHERE {key.format('o')} IS DISTINCT FROM {key.format('n')})"
    )


def _add_received(events: str) -> str:
    return f"""
        INSERT INTO {RECEIVED} AS s (centre_id, person_id, year, days, accompanied)
        SELECT centre_id, person_id, {_local_year("at")}, bit_or({_day_bit("at")}),
               bit_or(CASE WHEN accompanied THEN {_day_bit("at")} ELSE {ZERO} END)
        FROM ({events}) AS events
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        ON CONFLICT (centre_id, year, person_id) DO UPDATE
           SET days = s.days | EXCLUDED.days,
               accompanied = s.accompanied | EXCLUDED.accompanied;
    """


def _refresh_received(keys: str) -> str:
    """Recompute the rows (centre_id, person_id, year) of `keys` from the visits and the
    requests, after locking them (see the module's docstring)."""
    return f"""
        PERFORM reports_received_refresh(array_agg(centre_id::bigint),
                                         array_agg(person_id::bigint), array_agg(year))
        FROM (SELECT DISTINCT centre_id, person_id, {_local_year("at")} AS year
              FROM ({keys}) AS touched) AS keys;
    """


_VISIT_TRIGGERS = statement_triggers(
    "reports_visits", VISIT, "reports_visits_changed", "old_visits", "new_visits"
)
_REQUEST_TRIGGERS = statement_triggers(
    "reports_requests", REQUEST, "reports_requests_changed", "old_requests", "new_requests"
)

TRIGGERS_SQL = f"""
CREATE OR REPLACE FUNCTION reports_received_refresh(centres bigint[], persons bigint[],
                                                    years int[])
RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF centres IS NULL THEN
        RETURN;
    END IF;
    PERFORM 1 FROM {RECEIVED} s
    JOIN unnest(centres, persons, years) AS k(centre_id, person_id, year)
      ON s.centre_id = k.centre_id AND s.person_id = k.person_id AND s.year = k.year
    ORDER BY s.centre_id, s.year, s.person_id
    FOR UPDATE OF s;
    UPDATE {RECEIVED} s
       SET days = COALESCE(found.days, {ZERO}), accompanied = COALESCE(found.accompanied, {ZERO})
      FROM unnest(centres, persons, years) AS k(centre_id, person_id, year)
      LEFT JOIN LATERAL (
          SELECT bit_or({_day_bit("e.at")}) AS days,
                 bit_or(CASE WHEN e.accompanied THEN {_day_bit("e.at")} ELSE {ZERO} END)
                     AS accompanied
          FROM (
              SELECT v.at, {IS_ACCOMPANIMENT_VISIT} AS accompanied FROM {VISIT} v
              WHERE v.person_id = k.person_id AND v.centre_id = k.centre_id
                AND v.at >= make_timestamptz(k.year, 1, 1, 0, 0, 0, '{ZONE}')
                AND v.at < make_timestamptz(k.year + 1, 1, 1, 0, 0, 0, '{ZONE}')
              UNION ALL
              SELECT r.created_at, true FROM {REQUEST} r
              WHERE r.person_id = k.person_id AND r.centre_id = k.centre_id
                AND r.created_at >= make_timestamptz(k.year, 1, 1, 0, 0, 0, '{ZONE}')
                AND r.created_at < make_timestamptz(k.year + 1, 1, 1, 0, 0, 0, '{ZONE}')
          ) AS e
      ) AS found ON true
     WHERE s.centre_id = k.centre_id AND s.person_id = k.person_id AND s.year = k.year;
END $$;

CREATE OR REPLACE FUNCTION reports_visits_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_add_passages(_passage_counts("new_visits v", "v", 1))}
        {_add_received(_events(visits="new_visits v"))}
    ELSIF TG_OP = 'DELETE' THEN
        {_add_passages(_passage_counts("old_visits v", "v", -1))}
        {
    _refresh_received("SELECT centre_id, person_id, at FROM old_visits WHERE person_id IS NOT NULL")
}
    ELSE
        {
    _add_passages(
        _passage_counts(_moved("old_visits", "new_visits", _VISIT_KEY, "o") + " v", "v", -1)
        + " UNION ALL "
        + _passage_counts(_moved("old_visits", "new_visits", _VISIT_KEY, "n") + " v", "v", 1)
    )
}
        {_add_received(_events(visits=_moved("old_visits", "new_visits", _VISIT_KEY, "n") + " v"))}
        {
    _refresh_received(
        "SELECT centre_id, person_id, at FROM "
        + _moved("old_visits", "new_visits", _VISIT_KEY, "o")
        + " AS moved WHERE person_id IS NOT NULL"
    )
}
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION reports_requests_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_add_received(_events(requests="new_requests r"))}
    ELSIF TG_OP = 'DELETE' THEN
        {_refresh_received("SELECT centre_id, person_id, created_at AS at FROM old_requests")}
    ELSE
        {
    _add_received(
        _events(requests=_moved("old_requests", "new_requests", _REQUEST_KEY, "n") + " r")
    )
}
        {
    _refresh_received(
        "SELECT centre_id, person_id, created_at AS at FROM "
        + _moved("old_requests", "new_requests", _REQUEST_KEY, "o")
        + " AS moved"
    )
}
    END IF;
    RETURN NULL;
END $$;

{_VISIT_TRIGGERS[0]}{_REQUEST_TRIGGERS[0]}"""

DROP_TRIGGERS_SQL = f"""
{_VISIT_TRIGGERS[1]}{_REQUEST_TRIGGERS[1]}DROP FUNCTION IF EXISTS reports_visits_changed();
DROP FUNCTION IF EXISTS reports_requests_changed();
DROP FUNCTION IF EXISTS reports_received_refresh(bigint[], bigint[], int[]);
"""

# The summaries as the rows say they should be (rebuild, and the check).
PASSAGES_FROM_ROWS = f"""
    SELECT centre_id, day, count(*)::int AS visits, sum(anonymous)::int AS anonymous,
           sum(accompaniment)::int AS accompaniment
    FROM ({_passage_counts(f"{VISIT} v", "v", 1)}) AS visits
    GROUP BY centre_id, day
"""
RECEIVED_FROM_ROWS = f"""
    SELECT centre_id, person_id, {_local_year("at")} AS year, bit_or({_day_bit("at")}) AS days,
           bit_or(CASE WHEN accompanied THEN {_day_bit("at")} ELSE {ZERO} END) AS accompanied
    FROM ({_events(f"{VISIT} v", f"{REQUEST} r")}) AS events
    GROUP BY 1, 2, 3
"""

REBUILD_SQL = f"""
DELETE FROM {PASSAGES};
DELETE FROM {RECEIVED};
INSERT INTO {PASSAGES} (centre_id, day, visits, anonymous, accompaniment)
{PASSAGES_FROM_ROWS};
INSERT INTO {RECEIVED} (centre_id, person_id, year, days, accompanied)
{RECEIVED_FROM_ROWS};
ANALYZE {PASSAGES};
ANALYZE {RECEIVED};
"""


def rebuild() -> None:
    """Recompute both summaries from the rows (after writes that bypassed the triggers)."""
    with connection.cursor() as cursor:
        cursor.execute(REBUILD_SQL)


def differences() -> dict[str, int]:
    """How many rows of each summary differ from what the visits and requests say (0, 0
    when exact). Rows of received days left empty by deletions do not count."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT count(*) FROM (
                (SELECT centre_id, day, visits, anonymous, accompaniment FROM {PASSAGES}
                 WHERE visits <> 0 OR anonymous <> 0 OR accompaniment <> 0
                 EXCEPT {PASSAGES_FROM_ROWS})
                UNION ALL
                ({PASSAGES_FROM_ROWS}
                 EXCEPT SELECT centre_id, day, visits, anonymous, accompaniment FROM {PASSAGES})
            ) AS differing
            """
        )
        passages = cursor.fetchone()[0]
        cursor.execute(
            f"""
            SELECT count(*) FROM (
                (SELECT centre_id, person_id, year, days, accompanied FROM {RECEIVED}
                 WHERE days <> {ZERO} EXCEPT {RECEIVED_FROM_ROWS})
                UNION ALL
                ({RECEIVED_FROM_ROWS}
                 EXCEPT SELECT centre_id, person_id, year, days, accompanied FROM {RECEIVED})
            ) AS differing
            """
        )
        received = cursor.fetchone()[0]
    return {PASSAGES: passages, RECEIVED: received}


def period_masks(start: datetime.date, end: datetime.date) -> dict[str, list]:
    """The days from `start` to `end` (included) as one bit string per year (the bits of
    `reports_receivedyear`): {"years": [...], "masks": ["0011…", ...]}."""
    years, masks = [], []
    for year in range(start.year, end.year + 1):
        first = max(start, datetime.date(year, 1, 1))
        last = min(end, datetime.date(year, 12, 31))
        low, high = first.timetuple().tm_yday - 1, last.timetuple().tm_yday - 1
        years.append(year)
        masks.append("0" * low + "1" * (high - low + 1) + "0" * (BITS - high - 1))
    return {"years": years, "masks": masks}


def received_cte(scope) -> str:
    """The CTE `received` (centre_id, person_id, accompanied): the people received in the
    scope's period, once per centre, read from the summary; the same rows as the definition
    `reports.sql.RECEIVED_CTE` (tests/reports/test_summaries.py compares them). Its
    parameters: `received_params(scope)`. A period within one year reads one row per
    person and centre: no grouping."""
    met = f"(s.days & m.mask) <> {ZERO}"
    accompanied = f"(s.accompanied & m.mask) <> {ZERO}"
    if scope.start.year == scope.end.year:
        select, group = f"{accompanied} AS accompanied", ""
    else:
        select = f"bool_or({accompanied}) AS accompanied"
        group = "GROUP BY s.centre_id, s.person_id"
    return f"""
received AS (
    SELECT s.centre_id, s.person_id, {select}
    FROM unnest(%(received_years)s::int[], %(received_masks)s::text[]) AS m0(year, mask_text)
    CROSS JOIN LATERAL (SELECT m0.year, m0.mask_text::bit({BITS}) AS mask) AS m
    JOIN {RECEIVED} s ON s.year = m.year AND s.centre_id = ANY(%(centres)s)
    JOIN {PERSON} p ON p.id = s.person_id AND p.merged_into_id IS NULL
    WHERE {met}
    {group}
)
"""


def received_params(scope) -> dict:
    masks = period_masks(scope.start, scope.end)
    return scope.sql_params(received_years=masks["years"], received_masks=masks["masks"])
