"""Synthetic people, their notes and the changes of their files (see parcours/synthetic.py).

`search_name` is computed in SQL from the words `people.normalise.name_words` gives for each
name of the lists (the application's own normaliser, run once per distinct name), then put
together exactly as `search_name_for` does: first name, last name, then the words of the
birth name not already there, joined by spaces, cut at 220 characters.
"""

from django.db import connection

from parcours.synthetic import Seed, register_generator
from people.normalise import name_words
from people.synthetic_names import FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES
from people.vocabulary import FILL_SQL

# Events per person (with the other apps' generators: about 20 in all).
NOTES_PER_PERSON = 2
CHANGES_PER_PERSON = 1

NOTES = [
    "Premier entretien : projet professionnel dans l’aide à la personne.",
    "A déposé son CV à l’accueil ; relance prévue la semaine prochaine.",
    "Orientation vers l’atelier numérique du jeudi.",
    "Inscription à France Travail faite avec la conseillère.",
    "Recherche d’une formation en logistique (CACES).",
]


def _name_table(cursor, table: str, rows: list[tuple]) -> None:
    cursor.execute(f"CREATE TEMP TABLE {table} (i int, sex text, name text, words text[])")
    cursor.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s)", rows)


def _load_names() -> tuple[int, int, int]:
    with connection.cursor() as cursor:
        for table in ("syn_first", "syn_last"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        firsts = [(i, "F", n, name_words(n)) for i, n in enumerate(FEMALE_FIRST_NAMES, 1)]
        firsts += [(i, "M", n, name_words(n)) for i, n in enumerate(MALE_FIRST_NAMES, 1)]
        _name_table(cursor, "syn_first", firsts)
        _name_table(
            cursor, "syn_last", [(i, "", n, name_words(n)) for i, n in enumerate(LAST_NAMES, 1)]
        )
    return len(FEMALE_FIRST_NAMES), len(MALE_FIRST_NAMES), len(LAST_NAMES)


SEARCH_NAME_SQL = """left(array_to_string(
    f.words || l.words || coalesce(ARRAY(
        SELECT w FROM unnest(b.words) WITH ORDINALITY AS u(w, o)
        WHERE NOT (w = ANY(f.words || l.words)) ORDER BY o
    ), '{}'), ' '), 220)"""


@register_generator("people.persons", tables=["people_person"])
def persons(seed: Seed) -> None:
    females, males, lasts = _load_names()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) + 1 FROM people_person")
        seed.first_person = cursor.fetchone()[0]
    seed.execute(
        f"""
        INSERT INTO people_person (
            id, first_name, last_name, birth_name, search_name, sex, birth_date, nationality,
            phone, email, address, postal_code, city, neighbourhood_id, centre_id, referent_id,
            file_reference, employment_situation, resources, housing, mobility,
            situation_updated_at, situation_updated_by_id, created_at, created_by_id,
            updated_at, import_batch_id, merged_into_id, version, first_contact_needs)
        SELECT s.id, f.name, l.name, coalesce(b.name, ''), {SEARCH_NAME_SQL}, s.sex,
            s.birth_date, s.nationality, s.phone, '', s.number || ' rue de Paris', '93100',
            'Montreuil', NULL, {seed.person_centre_sql("s.id")}, NULL, '', '', '{{}}', '',
            '{{}}', NULL, NULL, s.created_at, {seed.staff_sql()}, s.created_at, NULL, NULL, 1,
            '{{}}'
        FROM (
            SELECT {seed.first_person} + g AS id,
                CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END AS sex,
                1 + floor(power(random(), 1.3) *
                    CASE WHEN g % 2 = 0 THEN {females} ELSE {males} END)::int AS fi,
                1 + floor(power(random(), 1.3) * {lasts})::int AS li,
                CASE WHEN g % 2 = 0 AND random() < 0.2
                     THEN 1 + floor(power(random(), 1.3) * {lasts})::int END AS bi,
                date '1940-01-01' + floor(random() * 25000)::int AS birth_date,
                (ARRAY['fr', 'fr', 'fr', 'eu', 'non_eu'])[1 + floor(random() * 5)::int]
                    AS nationality,
                -- Distinct mobile numbers (7919 is prime to 10^8), all in 06.
                CASE WHEN random() < 0.9
                     THEN '+336' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0')
                     ELSE '' END AS phone,
                1 + floor(random() * 200)::int AS number,
                {seed.moment_sql(1460)} AS created_at
            FROM generate_series(0, {seed.persons - 1}) AS g
        ) s
        JOIN syn_first f ON f.sex = s.sex AND f.i = s.fi
        JOIN syn_last l ON l.i = s.li
        LEFT JOIN syn_last b ON b.i = s.bi
        """,
        label="people_person",
    )
    seed.execute(
        "SELECT setval(pg_get_serial_sequence('people_person', 'id'), "
        "(SELECT max(id) FROM people_person))"
    )
    # The vocabulary's trigger does not fire here (session_replication_role = replica).
    seed.execute(FILL_SQL, label="people_nameword")


@register_generator(
    "people.notes",
    tables=["people_note"],
    after=["people.persons"],
    events_per_person=NOTES_PER_PERSON,
)
def notes(seed: Seed) -> None:
    texts = "ARRAY[" + ",".join(_literal(t) for t in NOTES) + "]"
    seed.execute(
        f"""
        INSERT INTO people_note (person_id, author_id, text, visibility, created_at)
        SELECT {seed.random_person_sql()}, {seed.staff_sql()},
            ({texts})[1 + floor(random() * {len(NOTES)})::int],
            (ARRAY['team', 'team', 'shared', 'author'])[1 + floor(random() * 4)::int],
            {seed.moment_sql()}
        FROM generate_series(1, {seed.persons * NOTES_PER_PERSON})
        """,
        label="people_note",
    )


@register_generator(
    "people.changes",
    tables=["people_personchange"],
    after=["people.persons"],
    events_per_person=CHANGES_PER_PERSON,
)
def changes(seed: Seed) -> None:
    seed.execute(
        f"""
        INSERT INTO people_personchange (person_id, kind, field, field_label, old_value,
            new_value, changed_by_id, changed_at)
        SELECT {seed.random_person_sql()}, c.kind, c.field, c.label, c.old, c.new,
            {seed.staff_sql()}, {seed.moment_sql()}
        FROM generate_series(1, {seed.persons * CHANGES_PER_PERSON}) AS g
        JOIN (VALUES
            (0, 'identity', 'phone', 'Téléphone', '06 12 34 56 78', '07 98 76 54 32'),
            (1, 'identity', 'address', 'Adresse', '12 rue de Paris', '4 place du Marché'),
            (2, 'situation', 'housing', 'Logement', 'Hébergé·e', 'Locataire'),
            (3, 'situation', 'employment_situation', 'Situation professionnelle',
             'Sans emploi', 'En formation')
        ) AS c(n, kind, field, label, old, new) ON c.n = g % 4
        """,
        label="people_personchange",
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
