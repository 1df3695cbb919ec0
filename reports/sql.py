"""Small helpers for indicators written in SQL (aggregates in PostgreSQL, never row loops).

Table names come from the models, so a renamed table breaks loudly here, not silently.
"""

from django.db import connection

from people.models import Person
from reception.models import IntegrationRequest, Visit, VisitOutcome, VisitReason

VISIT = Visit._meta.db_table
REQUEST = IntegrationRequest._meta.db_table
PERSON = Person._meta.db_table

# SENACS keeps people "informed" apart from people "accompanied". A passage at the desk is
# about the accompaniment when it was for it (a request, an appointment, a workshop) or led
# to it (handed to the coordination, an appointment made); otherwise it was information.
ACCOMPANIMENT_REASONS = (
    VisitReason.INTEGRATION_REQUEST,
    VisitReason.APPOINTMENT,
    VisitReason.WORKSHOP,
)
ACCOMPANIMENT_OUTCOMES = (VisitOutcome.HANDED_TO_COORDINATOR, VisitOutcome.APPOINTMENT_MADE)
IS_ACCOMPANIMENT_VISIT = "(v.reason IN ({}) OR v.outcome IN ({}))".format(
    ", ".join(f"'{value}'" for value in ACCOMPANIMENT_REASONS),
    ", ".join(f"'{value}'" for value in ACCOMPANIMENT_OUTCOMES),
)

# The people received in the period, once per centre: a passage at the desk with their file,
# or a request recorded. `accompanied`: at least one accompaniment passage or a request.
# This is the definition, read from the rows; the bilans read the same people from the
# summary kept by triggers (reports.summaries.RECEIVED_SUMMARY_CTE: one row per person and
# year instead of one per passage), and the tests compare both.
RECEIVED_CTE = f"""
received AS (
    SELECT events.centre_id, events.person_id, bool_or(events.accompanied) AS accompanied
    FROM (
        SELECT v.centre_id, v.person_id, {IS_ACCOMPANIMENT_VISIT} AS accompanied
        FROM {VISIT} v
        WHERE v.centre_id = ANY(%(centres)s) AND v.at >= %(start)s AND v.at < %(end)s
          AND v.person_id IS NOT NULL
        UNION ALL
        SELECT r.centre_id, r.person_id, true
        FROM {REQUEST} r
        WHERE r.centre_id = ANY(%(centres)s)
          AND r.created_at >= %(start)s AND r.created_at < %(end)s
    ) AS events
    JOIN {PERSON} p ON p.id = events.person_id AND p.merged_into_id IS NULL
    GROUP BY events.centre_id, events.person_id
)
"""


def statement_triggers(name: str, table: str, function: str, old: str, new: str):
    """(create, drop): the SQL of three AFTER statement triggers on `table`,
    `{name}_inserted`, `_deleted` and `_updated`, each calling `function()` with its
    transition tables (`old`, `new`), and the SQL that drops them."""
    create = f"""CREATE TRIGGER {name}_inserted AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS {new}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {name}_deleted AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS {old}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
CREATE TRIGGER {name}_updated AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS {old} NEW TABLE AS {new}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
"""
    drop = "".join(
        f"DROP TRIGGER IF EXISTS {name}_{event} ON {table};\n"
        for event in ("inserted", "deleted", "updated")
    )
    return create, drop


def fetch(sql: str, params: dict) -> list[dict]:
    """One query; the result rows as dicts (aggregates: a handful of rows)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def per_centre(scope, rows: list[dict], value: str = "n", *, default=0, **match) -> list:
    """The values of `rows` for each column of the scope, matching `match` (e.g.
    category="F"); the "Ensemble" column reads the row whose centre_id is NULL (a GROUPING
    SETS total, where each person is counted once). Missing: `default`."""
    index = {}
    for row in rows:
        if all(row.get(key) == expected for key, expected in match.items()):
            index[row.get("centre_id")] = row.get(value)
    values = [index.get(key) for key in scope.column_keys]
    return [default if found is None else found for found in values]


def breakdowns(
    scope, dimensions: dict[str, str], *, joins: str = "", multi: dict[str, str] | None = None
) -> dict[str, list[dict]]:
    """Several breakdowns of the people received, in one query and one pass over the period:
    {dimension: rows {centre_id, category, n}} as `breakdown` gives them, plus "total":
    rows {centre_id, category None, n, accompanied}. Each dimension's SQL never yields NULL
    (use COALESCE), so a NULL says "rolled up" (GROUPING SETS). `multi`: dimensions whose
    SQL is an array (a person counts once in each of its values, e.g. resources)."""
    from reports.summaries import received_cte, received_params

    multi = multi or {}
    names = list(dimensions)
    columns = ", ".join(f"{sql} AS {name}" for name, sql in [*dimensions.items(), *multi.items()])
    every = ", ".join([*names, *multi])
    # A person is one row of `people` per centre, one row of `persons` in all: plain
    # counts (hashed), no DISTINCT; a value repeated in an array counts once (its first).
    per_centre_sets = ", ".join(f"(centre_id, {name})" for name in names)
    overall_sets = ", ".join(f"({name})" for name in names)
    nulls = ", ".join(f"NULL AS {name}" for name in names)
    unions = "".join(
        f"""
        UNION ALL
        SELECT '{name}', centre_id, {nulls}, value, count(*), NULL
        FROM people CROSS JOIN LATERAL unnest({name}) WITH ORDINALITY AS values(value, n)
        WHERE array_position({name}, value) = n
        GROUP BY centre_id, value
        UNION ALL
        SELECT '{name}', NULL, {nulls}, value, count(*), NULL
        FROM persons CROSS JOIN LATERAL unnest({name}) WITH ORDINALITY AS values(value, n)
        WHERE array_position({name}, value) = n
        GROUP BY value
        """
        for name in multi
    )
    rows = fetch(
        f"""
        WITH {received_cte(scope)},
        people AS MATERIALIZED (
            SELECT received.centre_id, received.accompanied, p.id AS person, {columns}
            FROM received
            JOIN {PERSON} p ON p.id = received.person_id
            {joins}
        ),
        persons AS MATERIALIZED (
            SELECT person, {every}, bool_or(accompanied) AS accompanied
            FROM people GROUP BY person, {every}
        )
        SELECT '' AS part, centre_id, {", ".join(names)}, NULL AS value, count(*) AS n,
               count(*) FILTER (WHERE accompanied) AS accompanied
        FROM people
        GROUP BY GROUPING SETS ({per_centre_sets}, (centre_id))
        UNION ALL
        SELECT '', NULL, {", ".join(names)}, NULL, count(*),
               count(*) FILTER (WHERE accompanied)
        FROM persons
        GROUP BY GROUPING SETS ({overall_sets}, ())
        {unions}
        """,
        received_params(scope),
    )
    profile = [row for row in rows if row["part"] == ""]
    totals = [row for row in profile if all(row[name] is None for name in names)]
    total_rows = [
        {"centre_id": row["centre_id"], "category": None, "n": row["n"]} for row in totals
    ]
    result = {
        name: [
            {"centre_id": row["centre_id"], "category": row[name], "n": row["n"]}
            for row in profile
            if row[name] is not None
        ]
        + total_rows
        for name in names
    }
    for name in multi:
        result[name] = [
            {"centre_id": row["centre_id"], "category": row["value"], "n": row["n"]}
            for row in rows
            if row["part"] == name
        ] + total_rows
    result["total"] = [
        {"centre_id": row["centre_id"], "category": None, "n": row["n"],
         "accompanied": row["accompanied"]}
        for row in totals
    ]  # fmt: skip
    return result


def day_params(scope, **extra) -> dict:
    """`scope.sql_params()` plus the period as dates, for date columns (a start date, a
    session's day): %(first_day)s and %(last_day)s (both included), and %(today)s, the day
    of the computation (`as_of`, local time)."""
    from django.utils import timezone

    return scope.sql_params(
        first_day=scope.start,
        last_day=scope.end,
        today=timezone.localdate(scope.as_of),
        **extra,
    )
