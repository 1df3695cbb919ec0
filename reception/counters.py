"""Counts the homes read in constant time, kept exact by PostgreSQL triggers.

The director's and steering's homes show, per centre, the visits of today, 7 and 30 days
(of which anonymous), the requests by status and the open hand-offs. Counting the rows
grows with the history (a million people: 250,000 visits in 30 days, every request ever
recorded); these two tables hold the counts instead:

- `reception_visitday`: visits and anonymous visits per centre and local day (Europe/Paris);
- `reception_counter`: per centre, "request:<status>" and "handoff:open".

Triggers on the visits, requests and hand-offs update them in the transaction that
changes the row (insert, delete, and the updates that move a row between counts: a merge
moving visits, a transition, a hand-off taken over), so they are exact whatever writes:
the services, the admin, the import, a merge, raw SQL. `REBUILD_SQL` recomputes both from
the rows (the synthetic data generator bypasses the triggers and calls it).
"""

from django.conf import settings
from django.db import connection

ZONE = settings.TIME_ZONE

TRIGGERS_SQL = f"""
CREATE OR REPLACE FUNCTION reception_count_visit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE reception_visitday
           SET visits = visits - 1, anonymous = anonymous - (OLD.person_id IS NULL)::int
         WHERE centre_id = OLD.centre_id AND day = (OLD.at AT TIME ZONE '{ZONE}')::date;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO reception_visitday (centre_id, day, visits, anonymous)
        VALUES (NEW.centre_id, (NEW.at AT TIME ZONE '{ZONE}')::date, 1,
                (NEW.person_id IS NULL)::int)
        ON CONFLICT (centre_id, day) DO UPDATE
           SET visits = reception_visitday.visits + 1,
               anonymous = reception_visitday.anonymous + EXCLUDED.anonymous;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION reception_count_add(centre bigint, what text, delta int)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO reception_counter (centre_id, key, value) VALUES (centre, what, delta)
    ON CONFLICT (centre_id, key) DO UPDATE SET value = reception_counter.value + delta;
$$;

CREATE OR REPLACE FUNCTION reception_count_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM reception_count_add(OLD.centre_id, 'request:' || OLD.status, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM reception_count_add(NEW.centre_id, 'request:' || NEW.status, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION reception_count_handoff() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.taken_at IS NULL THEN
        PERFORM reception_count_add(OLD.to_centre_id, 'handoff:open', -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.taken_at IS NULL THEN
        PERFORM reception_count_add(NEW.to_centre_id, 'handoff:open', 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER reception_count_visit
    AFTER INSERT OR DELETE OR UPDATE OF at, centre_id, person_id ON reception_visit
    FOR EACH ROW EXECUTE FUNCTION reception_count_visit();
CREATE TRIGGER reception_count_request
    AFTER INSERT OR DELETE OR UPDATE OF status, centre_id ON reception_integrationrequest
    FOR EACH ROW EXECUTE FUNCTION reception_count_request();
CREATE TRIGGER reception_count_handoff
    AFTER INSERT OR DELETE OR UPDATE OF taken_at, to_centre_id ON reception_handoff
    FOR EACH ROW EXECUTE FUNCTION reception_count_handoff();
"""

DROP_TRIGGERS_SQL = """
DROP TRIGGER IF EXISTS reception_count_visit ON reception_visit;
DROP TRIGGER IF EXISTS reception_count_request ON reception_integrationrequest;
DROP TRIGGER IF EXISTS reception_count_handoff ON reception_handoff;
DROP FUNCTION IF EXISTS reception_count_visit();
DROP FUNCTION IF EXISTS reception_count_request();
DROP FUNCTION IF EXISTS reception_count_handoff();
DROP FUNCTION IF EXISTS reception_count_add(bigint, text, int);
"""

REBUILD_SQL = f"""
DELETE FROM reception_visitday;
INSERT INTO reception_visitday (centre_id, day, visits, anonymous)
SELECT centre_id, (at AT TIME ZONE '{ZONE}')::date, count(*),
       count(*) FILTER (WHERE person_id IS NULL)
FROM reception_visit GROUP BY 1, 2;
DELETE FROM reception_counter;
INSERT INTO reception_counter (centre_id, key, value)
SELECT centre_id, 'request:' || status, count(*) FROM reception_integrationrequest GROUP BY 1, 2;
INSERT INTO reception_counter (centre_id, key, value)
SELECT to_centre_id, 'handoff:open', count(*) FROM reception_handoff
WHERE taken_at IS NULL GROUP BY 1;
"""


def rebuild_counters() -> None:
    """Recompute both tables from the rows (after writes that bypassed the triggers)."""
    with connection.cursor() as cursor:
        cursor.execute(REBUILD_SQL)
