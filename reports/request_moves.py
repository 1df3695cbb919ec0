"""The last status change of each request, kept exact by PostgreSQL triggers.

The bilans count the requests still open at the end of a period (`reception.lifecycle`):
by definition, the status of each request's last move before that day. Read from the
moves, that is every move of the service's whole history; `reports_requestlastmove` holds
each request's last move (latest `at`, then `id`), so the count reads the requests open
now, plus the few moved since the period ended (whose moves are read as the definition
does).

Statement-level triggers (transition tables) keep it exact in the transaction that writes
the moves, whatever writes them: added moves replace a request's row when they come
later; deleted or updated moves make the rows of their requests recomputed from the moves
(after locking those rows). `REBUILD_SQL` recomputes it from the moves (the synthetic data
generator writes with the triggers off); `differences()` compares it with the moves.
"""

from django.db import connection

from reception.models import RequestTransition
from reports.sql import statement_triggers

TRANSITION = RequestTransition._meta.db_table
LAST_MOVE = "reports_requestlastmove"

# Each request's last move, from the moves of `source` (aliased t).
_LAST_OF = """
    SELECT DISTINCT ON (t.request_id) t.request_id, t.to_status AS status, t.at,
           t.id AS transition_id
    FROM {source}
    ORDER BY t.request_id, t.at DESC, t.id DESC
"""

_TRIGGERS = statement_triggers(
    "reports_moves", TRANSITION, "reports_moves_changed", "old_rows", "new_rows"
)

TRIGGERS_SQL = f"""
CREATE OR REPLACE FUNCTION reports_last_move_refresh(requests bigint[])
RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM 1 FROM {LAST_MOVE} l WHERE l.request_id = ANY(requests)
    ORDER BY l.request_id FOR UPDATE;
    DELETE FROM {LAST_MOVE} l WHERE l.request_id = ANY(requests);
    INSERT INTO {LAST_MOVE} AS l (request_id, status, at, transition_id)
    {_LAST_OF.format(source=f"{TRANSITION} t WHERE t.request_id = ANY(requests)")}
    ON CONFLICT (request_id) DO UPDATE
       SET status = excluded.status, at = excluded.at, transition_id = excluded.transition_id;
END $$;

CREATE OR REPLACE FUNCTION reports_moves_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {LAST_MOVE} AS l (request_id, status, at, transition_id)
        {_LAST_OF.format(source="new_rows t")}
        ON CONFLICT (request_id) DO UPDATE
           SET status = excluded.status, at = excluded.at,
               transition_id = excluded.transition_id
         WHERE (excluded.at, excluded.transition_id) > (l.at, l.transition_id);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM reports_last_move_refresh(
            (SELECT array_agg(DISTINCT request_id ORDER BY request_id) FROM old_rows));
    ELSE
        PERFORM reports_last_move_refresh(
            (SELECT array_agg(DISTINCT request_id ORDER BY request_id) FROM (
                SELECT request_id FROM old_rows UNION SELECT request_id FROM new_rows
            ) AS touched));
    END IF;
    RETURN NULL;
END $$;

{_TRIGGERS[0]}"""

DROP_TRIGGERS_SQL = f"""
{_TRIGGERS[1]}DROP FUNCTION IF EXISTS reports_moves_changed();
DROP FUNCTION IF EXISTS reports_last_move_refresh(bigint[]);
"""

LAST_FROM_ROWS = _LAST_OF.format(source=f"{TRANSITION} t")

REBUILD_SQL = f"""
DELETE FROM {LAST_MOVE};
INSERT INTO {LAST_MOVE} (request_id, status, at, transition_id)
{LAST_FROM_ROWS};
ANALYZE {LAST_MOVE};
"""


def rebuild() -> None:
    """Recompute the last moves from the moves (after writes that bypassed the triggers)."""
    with connection.cursor() as cursor:
        cursor.execute(REBUILD_SQL)


def differences() -> int:
    """How many requests' rows differ from what their moves say (0 when exact)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT count(*) FROM (
                ({LAST_FROM_ROWS})
                EXCEPT ALL
                SELECT request_id, status, at, transition_id FROM {LAST_MOVE}
            ) AS missing
            """
        )
        (missing,) = cursor.fetchone()
        cursor.execute(
            f"""
            SELECT count(*) FROM (
                SELECT request_id, status, at, transition_id FROM {LAST_MOVE}
                EXCEPT ALL
                ({LAST_FROM_ROWS})
            ) AS extra
            """
        )
        (extra,) = cursor.fetchone()
    return missing + extra
