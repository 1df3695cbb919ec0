"""The benchmark's two databases: same code, same fixtures, two populations.

Each is created, migrated, given the reference data, `seed_synthetic --persons N` and the
benchmark's own users and long-history person, once: a marker row records the size and a
fingerprint of the migrations and generators, so a second `make bench` reuses them.
"""

import copy
import hashlib
import os
from pathlib import Path

import psycopg
from django.core.management import call_command
from django.db import connections
from django.db.utils import load_backend

ROOT = Path(__file__).resolve().parent.parent
# Who opens the pages, and the file read with a long history.
# A compound name of her own (one result at both sizes: the search's cost, not the number
# of namesakes shown); the shared names are measured with "Diallo" alone (a full page).
PERSON = {"first_name": "Aïcha", "last_name": "Sissoko-Diallo", "phone": "+33781223344"}
HISTORY = {
    "visits": 300,
    "notes": 120,
    "changes": 60,
    "requests": 12,
    "reads": 250,
    # With the CIP, at 8 h (before the synthetic slots) each weekday of the last 52 weeks
    # and the next 4: her agenda's day and week, the person's file.
    "appointments_weeks": (52, 4),
    # The site's day holds a full page at both sizes (the day view shows 50 rows a page):
    # 6 agents of the site, 10 appointments of 45 minutes each weekday, with 6 people.
    "site_day": (6, 10),
}


def fingerprint() -> str:
    """Changes when the schema or the synthetic data would: then the bases are rebuilt."""
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("*/migrations/0*.py")) + sorted(ROOT.glob("*/synthetic*.py"))
    files += [ROOT / "parcours" / "synthetic.py", Path(__file__)]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def wrapper_for(name: str):
    """A Django connection to database `name`, same server and options as the default."""
    settings_dict = copy.deepcopy(connections.settings["default"])
    settings_dict["NAME"] = name
    settings_dict["CONN_MAX_AGE"] = None  # one connection for the whole run
    settings_dict["CONN_HEALTH_CHECKS"] = False
    backend = load_backend(settings_dict["ENGINE"])
    return backend.DatabaseWrapper(settings_dict, "default")


def use(wrapper) -> None:
    """Make `wrapper` the connection every view and query of this thread uses."""
    connections["default"] = wrapper


def _admin_dsn() -> str:
    s = connections.settings["default"]
    parts = {
        "host": s.get("HOST") or "",
        "port": s.get("PORT") or "",
        "user": s.get("USER") or "",
        "password": s.get("PASSWORD") or "",
        "dbname": "postgres",
    }
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v)


def _marker(wrapper) -> tuple[int, str] | None:
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT persons, fingerprint FROM bench_meta")
            return cursor.fetchone()
    except Exception:  # noqa: BLE001 — no marker: the base is (re)built
        wrapper.close()
        return None


def prepare(name: str, persons: int, log) -> object:
    """The connection to a ready database of `persons` synthetic people (built if needed)."""
    with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    wrapper = wrapper_for(name)
    if _marker(wrapper) == (persons, fingerprint()):
        log(f"{name}: {persons:,} personnes, base réutilisée")
        return wrapper
    wrapper.close()
    with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    wrapper = wrapper_for(name)
    use(wrapper)
    log(f"{name}: migrations, données de référence, {persons:,} personnes synthétiques…")
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    # BENCH_SEED_VERBOSITY=2: the time of each generator and index build.
    verbosity = int(os.environ.get("BENCH_SEED_VERBOSITY", "1"))
    call_command("seed_synthetic", persons=persons, verbosity=verbosity)
    _bench_fixtures()
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_meta (persons integer, fingerprint text)")
        cursor.execute("INSERT INTO bench_meta VALUES (%s, %s)", [persons, fingerprint()])
        cursor.execute("VACUUM ANALYZE")
    return wrapper


def _bench_fixtures() -> None:
    """The role users and the person with a long history, identical in both bases."""
    from accounts.models import Role
    from people.models import Person
    from people.normalise import search_name_for
    from tests.factories import add_membership, make_user, organisation

    users = {
        "reception": make_user(Role.RECEPTION, "grand-air", email="bench.accueil@bench.test"),
        "coordinator": make_user(
            Role.COORDINATOR, "grand-air", email="bench.coordination@bench.test"
        ),
        "counsellor": make_user(Role.COUNSELLOR, "grand-air", email="bench.cip@bench.test"),
        "director": make_user(Role.DIRECTOR, "grand-air", email="bench.direction@bench.test"),
        "steering": make_user(Role.STEERING, email="bench.pilotage@bench.test"),
        # Mission locale: the synthetic orientations to its service reach it.
        "partner": make_user(Role.PARTNER, email="bench.partenaire@bench.test"),
    }
    for slug in ("esperanto", "lounes-matoub"):
        add_membership(users["counsellor"], Role.COUNSELLOR, slug, "epicerie-solidaire-aurore")
    assert organisation("ville-de-montreuil")
    from organisations.models import Centre

    person = Person.objects.create(
        **PERSON,
        search_name=search_name_for(PERSON["first_name"], PERSON["last_name"]),
        centre=Centre.objects.get(slug="grand-air"),
        created_by=users["coordinator"],
    )
    _history(person, users)
    agents, _ = HISTORY["site_day"]
    _full_site_days(
        person,
        [
            make_user(Role.COUNSELLOR, "grand-air", email=f"bench.agent{n}@bench.test")
            for n in range(agents)
        ],
        [
            Person.objects.create(
                first_name="Agenda",
                last_name=f"Banc{n}",
                search_name=search_name_for("Agenda", f"Banc{n}"),
                centre=person.centre,
            )
            for n in range(agents)
        ],
    )


def _weekdays_at(time: str, column: str) -> str:
    """A subquery: `column`, each weekday of the history's weeks at this Paris time."""
    past, future = HISTORY["appointments_weeks"]
    return f"""(
        SELECT (d::date + time '{time}') AT TIME ZONE 'Europe/Paris' AS {column}
        FROM generate_series(date_trunc('week', now())::date - {past * 7},
                             date_trunc('week', now())::date + {future * 7 - 1},
                             interval '1 day') AS d
        WHERE extract(isodow FROM d) < 6
    )"""


def _full_site_days(person, agents, people) -> None:
    """Each weekday of the history's weeks, a full day at the person's site: agent n sees
    person (n + k) mod 6 at slot k (no one is booked twice at once)."""
    from django.db import connection

    site = person.centre.sites.order_by("pk").first()
    _, slots = HISTORY["site_day"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO agenda_appointment (kind, starts_at, duration, ends_at, status,
                status_reason, uid, version, created_at, centre_id, person_id, site_id,
                staff_id)
            SELECT 'follow_up', s.at, 45, s.at + interval '45 minutes', 'planned', '',
                gen_random_uuid(), 1, s.at - interval '7 days', {person.centre_id},
                (%(people)s::bigint[])[1 + (a.n + k) %% cardinality(%(people)s::bigint[])],
                {site.pk}, (%(agents)s::bigint[])[1 + a.n]
            FROM {_weekdays_at("09:00", "day_start")} days
            CROSS JOIN generate_series(0, cardinality(%(agents)s::bigint[]) - 1) AS a(n)
            CROSS JOIN generate_series(0, {slots - 1}) AS k
            CROSS JOIN LATERAL (SELECT days.day_start + k * interval '45 minutes' AS at) s
            """,
            {"agents": [agent.pk for agent in agents], "people": [p.pk for p in people]},
        )


def _history(person, users) -> None:
    from django.db import connection

    site = person.centre.sites.order_by("pk").first()
    coordinator = users["coordinator"].pk
    h = HISTORY
    statements = [
        f"""INSERT INTO reception_visit (at, centre_id, site_id, agent_id, person_id, reason,
            outcome)
            SELECT now() - g * interval '1 day', {person.centre_id}, {site.pk},
                {users["reception"].pk}, {person.pk}, 'information', 'information_given'
            FROM generate_series(1, {h["visits"]}) g""",
        # Three passages just before the base is built: the desk's list of the day is not
        # empty in one base and full in the other when it is built early in the morning.
        f"""INSERT INTO reception_visit (at, centre_id, site_id, agent_id, person_id, reason,
            outcome)
            SELECT now() - g * interval '1 minute', {person.centre_id}, {site.pk},
                {users["reception"].pk}, {person.pk}, 'information', 'information_given'
            FROM generate_series(1, 3) g""",
        f"""INSERT INTO people_note (person_id, author_id, text, visibility, created_at)
            SELECT {person.pk}, {coordinator}, 'Entretien de suivi n° ' || g, 'team',
                now() - g * interval '2 days'
            FROM generate_series(1, {h["notes"]}) g""",
        f"""INSERT INTO people_personchange (person_id, kind, field, field_label, old_value,
            new_value, changed_by_id, changed_at)
            SELECT {person.pk}, 'identity', 'phone', 'Téléphone', '06 00 00 00 ' || g,
                '06 00 00 01 ' || g, {coordinator}, now() - g * interval '5 days'
            FROM generate_series(1, {h["changes"]}) g""",
        f"""INSERT INTO reception_integrationrequest (person_id, centre_id, needs, description,
            urgency, status, status_changed_at, closing_reason, created_at, created_by_id)
            SELECT {person.pk}, {person.centre_id}, '{{}}', 'Demande ' || g, 'normal',
                'closed', now() - g * interval '20 days', 'Terminée',
                now() - g * interval '30 days', {coordinator}
            FROM generate_series(1, {h["requests"]}) g""",
        f"""INSERT INTO reception_requesttransition (request_id, from_status, to_status, at,
            by_id, comment)
            SELECT id, 'new', 'closed', status_changed_at, {coordinator}, ''
            FROM reception_integrationrequest WHERE person_id = {person.pk}""",
        f"""INSERT INTO audit_accesslog (actor_id, actor_label, action, object_type, object_id,
            person_ids, detail, at)
            SELECT {coordinator}, 'Bench', 'read', 'people.person', '{person.pk}',
                ARRAY[{person.pk}]::bigint[], '', now() - g * interval '1 day'
            FROM generate_series(1, {h["reads"]}) g""",
    ]
    counsellor = users["counsellor"].pk
    statements += [
        f"""INSERT INTO agenda_appointment (kind, starts_at, duration, ends_at, status,
            status_changed_at, status_reason, uid, version, created_at, centre_id,
            created_by_id, person_id, site_id, staff_id, status_changed_by_id)
            SELECT 'follow_up', s.at, 30, s.at + interval '30 minutes',
                CASE WHEN s.at < now() THEN 'seen' ELSE 'planned' END,
                CASE WHEN s.at < now() THEN s.at + interval '1 hour' END, '',
                gen_random_uuid(), 1, s.at - interval '7 days', {person.centre_id},
                {counsellor}, {person.pk}, {site.pk}, {counsellor},
                CASE WHEN s.at < now() THEN {counsellor} END
            FROM {_weekdays_at("08:00", "at")} s""",
        f"""INSERT INTO agenda_appointmentevent (action, from_status, to_status, detail, at,
            appointment_id, by_id)
            SELECT 'booked', '', 'planned', '', created_at, id, created_by_id
            FROM agenda_appointment WHERE person_id = {person.pk}
            UNION ALL
            SELECT 'status', 'planned', status, '', status_changed_at, id, staff_id
            FROM agenda_appointment WHERE person_id = {person.pk} AND status <> 'planned'""",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
