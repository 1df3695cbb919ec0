"""Synthetic access-log rows: the reads of the files (see parcours/synthetic.py)."""

from parcours.synthetic import Seed, register_generator

READS_PER_PERSON = 2


@register_generator(
    "audit.access_log",
    tables=["audit_accesslog"],
    after=["people.persons"],
    events_per_person=READS_PER_PERSON,
)
def access_log(seed: Seed) -> None:
    seed.execute(
        f"""
        INSERT INTO audit_accesslog (actor_id, actor_label, action, object_type, object_id,
            person_ids, detail, at)
        SELECT s.actor, 'Agent synthétique <synthetique@parcours.test>', 'read', 'people.person',
            s.p::text, ARRAY[s.p]::bigint[], 'fiche', {seed.moment_sql()}
        FROM (
            SELECT {seed.staff_sql()} AS actor, {seed.random_person_sql()} AS p
            FROM generate_series(1, {seed.persons * READS_PER_PERSON})
        ) s
        """,
        label="audit_accesslog",
    )
