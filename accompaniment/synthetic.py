"""Synthetic accompaniments, their steps, diagnoses, plans and orientations
(see parcours/synthetic.py).

Every request of the seeded people that reception left "in accompaniment" (the person's
latest one: one open accompaniment per person) or "closed" gets its accompaniment, opened
on the request's date, as `accompaniment.services` does: a step "opened" signed with the
referent's name and mode, "paused" and "closed" steps with their labels, the renewal date
six months on, the exit reason of a closed one, and `last_contact_on` the latest dated
exchange (step or diagnosis). The dates of an accompaniment's events are drawn once, in a
temporary table, so that every table agrees with the others.
"""

from django.db import connection

from accompaniment.choices import ExitReason, PauseReason
from accompaniment.orientations import LINK_VALIDITY_DAYS
from accompaniment.reference import Dimension, QualificationLevel
from parcours.synthetic import Seed, register_generator

# Shares of the accompaniments with a diagnosis, an objective in their plan, an orientation.
DIAGNOSED = 0.15
WITH_OBJECTIVE = 0.6
ORIENTED = 0.25
SERVICES = [
    ("Atelier de recherche d’emploi", "employment_service"),
    ("Accompagnement des jeunes vers l’emploi", "youth_service"),
    ("Aide aux démarches administratives", "ccas"),
    ("Accès aux droits et au logement", "social_services"),
]
OBJECTIVE_TITLES = {
    "employment": "Trouver un emploi durable",
    "qualification": "Faire reconnaître ses compétences",
    "training": "Entrer en formation qualifiante",
    "language": "Progresser en français à l’oral et à l’écrit",
    "digital": "Utiliser seul·e les démarches en ligne",
    "mobility": "Passer le permis de conduire",
    "housing": "Trouver un logement stable",
    "childcare": "Trouver un mode de garde",
    "resources": "Ouvrir ses droits",
    "administrative": "Mettre à jour ses papiers",
    "health": "Reprendre un suivi médical",
}
ACTION_TITLES = [
    "Mettre à jour le CV",
    "Prendre rendez-vous avec la conseillère France Travail",
    "S’inscrire à l’atelier numérique",
    "Déposer le dossier complet",
    "Candidater à trois offres",
]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _array(values) -> str:
    return "ARRAY[" + ",".join(_literal(v) for v in values) + "]"


def _pick(values) -> str:
    return f"({_array(values)})[1 + floor(random() * {len(values)})::int]"


def _mode_sql(seed: Seed, centre: str) -> tuple[str, list[int]]:
    """The mode of an accompaniment in `centre` (one the centre offers) and the centres that
    offer one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, integration_mode FROM organisations_centre WHERE id = ANY(%s)",
            [seed.centre_ids],
        )
        modes = dict(cursor.fetchall())
    cases, offering = [], []
    for centre_id, mode in modes.items():
        choice = {
            "individual": "'individual'",
            "collective": "'collective'",
            "both": "CASE WHEN random() < 0.7 THEN 'individual' ELSE 'collective' END",
        }.get(mode)
        if choice:
            cases.append(f"WHEN {int(centre_id)} THEN {choice}")
            offering.append(centre_id)
    return f"CASE {centre} {' '.join(cases)} END", offering


def partner_services() -> list[tuple[int, int, str]]:
    """(id, organisation id, contact e-mail) of synthetic services of the partners, created
    once (the same in every base)."""
    from accompaniment.models import PartnerService
    from organisations.models import Organisation

    partners = {o.kind: o for o in Organisation.objects.filter(is_partner=True)}
    if not partners:
        partners = {o.kind: o for o in Organisation.objects.all()}
    services = []
    for n, (name, kind) in enumerate(SERVICES, 1):
        organisation = partners.get(kind) or next(iter(partners.values()))
        service, _ = PartnerService.objects.get_or_create(
            source_id=f"synthetique-{n}",
            defaults={
                "organisation": organisation,
                "name": name,
                "contact_email": f"service{n}@synthetique.parcours.test",
                "city": "Montreuil",
                "postal_code": "93100",
            },
        )
        services.append((service.pk, service.organisation_id, service.contact_email))
    return services


def id_offset(seed: Seed) -> int:
    """An accompaniment's id is its request's plus this (ids above every existing one), so
    that the agenda links appointments without waiting for the accompaniments."""

    def compute() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM accompaniment_accompaniment")
            return cursor.fetchone()[0]

    return seed.once("accompaniment.id_offset", compute)


def latest_accompaniments_sql(seed: Seed) -> str:
    """(id, person_id, start_date, end_date) of each seeded person's latest accompaniment,
    from the requests, as the generator below creates them."""
    _, offering = _mode_sql(seed, "centre_id")
    if not offering:
        return (
            "SELECT NULL::bigint AS id, NULL::bigint AS person_id, NULL::date AS start_date, "
            "NULL::date AS end_date WHERE false"
        )
    return f"""
        SELECT DISTINCT ON (person_id) id + {id_offset(seed)} AS id, person_id,
            created_at::date AS start_date,
            CASE WHEN status = 'closed' THEN status_changed_at::date END AS end_date
        FROM reception_integrationrequest
        WHERE person_id BETWEEN {seed.first_person} AND {seed.last_person}
          AND status IN ('in_accompaniment', 'closed')
          AND centre_id = ANY(ARRAY{offering}::bigint[])
        ORDER BY person_id, created_at DESC, id DESC
    """


@register_generator(
    "accompaniment.accompaniments",
    tables=[
        "accompaniment_accompaniment",
        "accompaniment_step",
        "accompaniment_diagnosis",
        "accompaniment_diagnosisdimension",
        "accompaniment_objective",
        "accompaniment_action",
        "accompaniment_orientation",
        "accompaniment_orientationevent",
        "accompaniment_orientationlink",
    ],
    after=["reception.requests"],
    # ~0.75 accompaniments a person: the accompaniment, ~2 steps, a quarter of a diagnosis
    # (and its dimensions), the plan's objective and actions, orientations and their events.
    events_per_person=6.5,
)
def accompaniments(seed: Seed) -> None:
    mode, offering = _mode_sql(seed, "r.centre_id")
    if not offering:
        return
    offset = id_offset(seed)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS syn_acc")
    exits = [e for e in ExitReason.values if e != ExitReason.OTHER]
    exit_labels = dict(ExitReason.choices)
    pause_reasons = [label for value, label in PauseReason.choices if value != PauseReason.OTHER]
    # The accompaniments and the dates of their events, drawn once.
    seed.execute(
        f"""
        CREATE TEMP TABLE syn_acc AS
        SELECT {offset} + s.request_id AS id, s.*,
            greatest(s.start_date, s.paused_on, s.diagnosed_on, s.end_date) AS last_contact_on
        FROM (
            SELECT r.id AS request_id, r.person_id, r.centre_id, {mode} AS mode,
                r.created_at::date AS start_date, r.status AS request_status,
                CASE WHEN r.status = 'closed' THEN 'closed'
                     WHEN random() < 0.15 THEN 'paused' ELSE 'active' END AS status,
                CASE WHEN r.status = 'closed' THEN r.status_changed_at::date END AS end_date,
                CASE WHEN r.status = 'closed' THEN {_pick(exits)} ELSE '' END AS exit_reason,
                {seed.staff_sql()} AS referent_id,
                NULL::date AS paused_on, NULL::date AS diagnosed_on,
                random() AS r1, random() AS r2, random() AS r3
            FROM (
                SELECT DISTINCT ON (person_id) id, person_id, centre_id, status, created_at,
                    status_changed_at
                FROM reception_integrationrequest
                WHERE person_id BETWEEN {seed.first_person} AND {seed.last_person}
                  AND status = 'in_accompaniment' AND centre_id = ANY(ARRAY{offering}::bigint[])
                ORDER BY person_id, created_at DESC
            ) r
            UNION ALL
            SELECT r.id, r.person_id, r.centre_id, {mode}, r.created_at::date, r.status,
                'closed', r.status_changed_at::date, {_pick(exits)}, {seed.staff_sql()},
                NULL, NULL, random(), random(), random()
            FROM reception_integrationrequest r
            WHERE r.person_id BETWEEN {seed.first_person} AND {seed.last_person}
              AND r.status = 'closed' AND r.centre_id = ANY(ARRAY{offering}::bigint[])
        ) s
        """,
    )
    # The pause and the diagnosis fall between the start and the end (or today).
    seed.execute(
        f"""
        UPDATE syn_acc SET
            paused_on = CASE WHEN status = 'paused' THEN start_date
                + floor(r2 * (least(coalesce(end_date, current_date), start_date + 60)
                              - start_date + 1))::int END,
            diagnosed_on = CASE WHEN r1 < {DIAGNOSED} THEN start_date
                + floor(r3 * (least(coalesce(end_date, current_date), start_date + 14)
                              - start_date + 1))::int END
        """
    )
    seed.execute(
        """
        UPDATE syn_acc SET last_contact_on = greatest(start_date, paused_on, diagnosed_on,
            end_date)
        """
    )
    seed.execute("ANALYZE syn_acc")
    seed.execute(
        """
        INSERT INTO accompaniment_accompaniment (id, mode, start_date, review_on, status,
            exit_reason, exit_comment, end_date, last_contact_on, created_at, centre_id,
            created_by_id, person_id, referent_id, request_id)
        SELECT id, mode, start_date, (start_date + interval '6 months')::date, status,
            exit_reason, '', end_date, last_contact_on, start_date + time '10:00', centre_id,
            referent_id, person_id, referent_id, request_id
        FROM syn_acc
        """,
        label="accompaniment_accompaniment",
    )
    seed.execute(
        "SELECT setval(pg_get_serial_sequence('accompaniment_accompaniment', 'id'), "
        "(SELECT max(id) FROM accompaniment_accompaniment))"
    )
    mode_labels = (
        "CASE a.mode WHEN 'individual' THEN 'Accompagnement individuel' "
        "ELSE 'Accompagnement collectif' END"
    )
    exit_case = " ".join(
        f"WHEN {_literal(value)} THEN {_literal(label)}" for value, label in exit_labels.items()
    )
    seed.execute(
        f"""
        INSERT INTO accompaniment_step (kind, "on", at, reason, comment, accompaniment_id,
            by_id)
        SELECT 'opened', a.start_date, a.start_date + time '10:00', '',
            left('Référent·e : ' || u.first_name || ' ' || u.last_name || ' – ' || {mode_labels},
                 300), a.id, a.referent_id
        FROM syn_acc a JOIN accounts_user u ON u.id = a.referent_id
        UNION ALL
        SELECT 'paused', a.paused_on, a.paused_on + time '11:00', {_pick(pause_reasons)}, '',
            a.id, a.referent_id
        FROM syn_acc a WHERE a.paused_on IS NOT NULL
        UNION ALL
        SELECT 'closed', a.end_date, a.end_date + time '16:00', CASE a.exit_reason {exit_case}
            END, '', a.id, a.referent_id
        FROM syn_acc a WHERE a.end_date IS NOT NULL
        """,
        label="accompaniment_step",
    )
    _diagnoses(seed)
    _plans(seed)
    _orientations(seed)
    seed.execute("DROP TABLE syn_acc")


def _diagnoses(seed: Seed) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM accompaniment_diagnosis")
        before = cursor.fetchone()[0]
    seed.execute(
        f"""
        INSERT INTO accompaniment_diagnosis (made_on, qualification_level, created_at,
            submission, accompaniment_id, created_by_id)
        SELECT diagnosed_on, {_pick(QualificationLevel.values)}, diagnosed_on + time '14:00',
            NULL, id, referent_id
        FROM syn_acc WHERE diagnosed_on IS NOT NULL
        """,
        label="accompaniment_diagnosis",
    )
    # Every dimension, as `record_diagnosis` writes them (no situation ticked, no comment).
    seed.execute(
        f"""
        INSERT INTO accompaniment_diagnosisdimension (dimension, assessment, situations,
            comment, diagnosis_id)
        SELECT d.dimension, {_pick(["support", "need", "need", "unexplored"])}, '{{}}', '',
            g.id
        FROM accompaniment_diagnosis g
        CROSS JOIN unnest({_array(Dimension.values)}) AS d(dimension)
        WHERE g.id > {before}
        """,
        label="accompaniment_diagnosisdimension",
    )


def _plans(seed: Seed) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM accompaniment_objective")
        before = cursor.fetchone()[0]
    dimensions = list(OBJECTIVE_TITLES)
    titles = " ".join(f"WHEN {_literal(d)} THEN {_literal(t)}" for d, t in OBJECTIVE_TITLES.items())
    seed.execute(
        f"""
        INSERT INTO accompaniment_objective (dimension, title, status, created_at, submission,
            accompaniment_id, created_by_id)
        SELECT o.dimension, CASE o.dimension {titles} END,
            CASE WHEN o.end_date IS NULL THEN 'in_progress'
                 WHEN random() < 0.6 THEN 'done' ELSE 'abandoned' END,
            least(coalesce(o.end_date, current_date), o.start_date + 1) + time '10:30', NULL,
            o.id, o.referent_id
        FROM (
            SELECT a.*, {_pick(dimensions)} AS dimension FROM syn_acc a
            WHERE a.r2 < {WITH_OBJECTIVE}
        ) o
        """,
        label="accompaniment_objective",
    )
    # One or two actions an objective; done ones dated, open ones due later.
    seed.execute(
        f"""
        INSERT INTO accompaniment_action (title, owner, due_on, status, done_on, created_at,
            status_changed_at, submission, created_by_id, partner_id, status_changed_by_id,
            objective_id)
        SELECT x.title, x.owner, x.due_on, x.status,
            CASE WHEN x.status = 'done' THEN least(x.due_on, x.last_day) END,
            x.created_at,
            CASE WHEN x.status = 'planned' THEN x.created_at
                 ELSE greatest(x.created_at, least(x.due_on, x.last_day) + time '17:00') END,
            NULL, x.by_id,
            CASE WHEN x.owner = 'partner' THEN (
                SELECT organisation_id FROM accompaniment_partnerservice
                WHERE source_id = 'synthetique-1') END,
            x.by_id, x.objective_id
        FROM (
            SELECT o.id AS objective_id, o.created_at, o.created_by_id AS by_id,
                {_pick(ACTION_TITLES)} AS title,
                {_pick(["person", "person", "counsellor", "partner"])} AS owner,
                (o.created_at + g * interval '14 days')::date AS due_on,
                coalesce(a.end_date, current_date) AS last_day,
                CASE WHEN a.end_date IS NOT NULL
                     THEN (ARRAY['done', 'done', 'abandoned', 'cancelled'])
                          [1 + floor(random() * 4)::int]
                     WHEN (o.created_at + g * interval '14 days')::date >= current_date
                     THEN 'planned'
                     ELSE (ARRAY['done', 'done', 'in_progress', 'standby'])
                          [1 + floor(random() * 4)::int] END AS status
            FROM accompaniment_objective o
            JOIN syn_acc a ON a.id = o.accompaniment_id
            CROSS JOIN generate_series(1, 2) g
            WHERE o.id > {before} AND (g = 1 OR o.id % 2 = 0)
        ) x
        """,
        label="accompaniment_action",
    )


def _orientations(seed: Seed) -> None:
    services = partner_services()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM accompaniment_orientation")
        before = cursor.fetchone()[0]
    service_rows = ", ".join(
        f"({n}, {pk}, {organisation}, {_literal(email)})"
        for n, (pk, organisation, email) in enumerate(services)
    )
    # Open accompaniments may still wait (proposed, sent); closed ones were answered.
    seed.execute(
        f"""
        INSERT INTO accompaniment_orientation (reason, shared, status, status_changed_at,
            sent_at, refusal_reasons, refusal_message, outcome_comment, last_reminder_at,
            created_at, submission, accompaniment_id, created_by_id, objective_id,
            organisation_id, reorients_id, service_id)
        SELECT 'Orientation proposée dans le cadre du plan d’action.', '{{}}', x.status,
            CASE x.status WHEN 'proposed' THEN x.created_at WHEN 'cancelled' THEN x.created_at
                 WHEN 'sent' THEN x.sent_at ELSE x.answered_at END,
            CASE WHEN x.status IN ('proposed', 'cancelled') THEN NULL ELSE x.sent_at END,
            CASE WHEN x.status = 'refused' THEN ARRAY[{
            _pick(["unreachable", "not_eligible", "full", "employed", "not_interested"])
        }]::varchar[] ELSE '{{}}' END,
            '', '', NULL, x.created_at, NULL, x.id, x.referent_id, NULL, s.organisation,
            NULL, s.pk
        FROM (
            SELECT a.id, a.referent_id, floor(a.r3 * {len(services)})::int AS service,
                c.created_at, least(c.created_at + interval '1 day', now()) AS sent_at,
                least(c.created_at + interval '8 days', now()) AS answered_at,
                CASE WHEN a.end_date IS NULL
                     THEN (ARRAY['proposed', 'sent', 'sent', 'accepted', 'refused'])
                          [1 + floor(random() * 5)::int]
                     ELSE (ARRAY['done', 'done', 'accepted', 'refused', 'no_follow_up',
                                 'cancelled'])[1 + floor(random() * 6)::int] END AS status
            FROM syn_acc a
            CROSS JOIN LATERAL (
                SELECT least(a.start_date + 3, coalesce(a.end_date, current_date))
                    + time '15:00' AS created_at
            ) c
            WHERE a.r1 >= 1 - {ORIENTED}
        ) x
        JOIN (VALUES {service_rows}) AS s(n, pk, organisation, email) ON s.n = x.service
        """,
        label="accompaniment_orientation",
    )
    # Their history, as `orientations._event` writes it, and the answer links e-mailed
    # when they were sent.
    seed.execute(
        f"""
        INSERT INTO accompaniment_orientationevent (from_status, to_status, at, by_label,
            by_id, orientation_id)
        SELECT e.from_status, e.to_status, e.at,
            CASE WHEN e.partner THEN o_name.name || ' (par le lien envoyé à ' || s.contact_email
                                     || ')'
                 ELSE u.first_name || ' ' || u.last_name END,
            CASE WHEN e.partner THEN NULL ELSE o.created_by_id END, o.id
        FROM accompaniment_orientation o
        JOIN accounts_user u ON u.id = o.created_by_id
        JOIN accompaniment_partnerservice s ON s.id = o.service_id
        JOIN organisations_organisation o_name ON o_name.id = o.organisation_id
        CROSS JOIN LATERAL (VALUES
            ('', 'proposed', o.created_at, false, true),
            ('proposed', 'sent', o.sent_at, false, o.sent_at IS NOT NULL),
            ('proposed', 'cancelled', o.status_changed_at, false, o.status = 'cancelled'),
            ('sent', CASE WHEN o.status IN ('done', 'no_follow_up') THEN 'accepted'
                          ELSE o.status END,
                o.status_changed_at, true,
                o.status IN ('accepted', 'refused', 'done', 'no_follow_up')),
            ('accepted', o.status, o.status_changed_at, true,
                o.status IN ('done', 'no_follow_up'))
        ) AS e(from_status, to_status, at, partner, present)
        WHERE o.id > {before} AND e.present
        """,
        label="accompaniment_orientationevent",
    )
    seed.execute(
        f"""
        INSERT INTO accompaniment_orientationlink (token_hash, sent_to, created_at, expires_at,
            revoked_at, orientation_id, revoked_by_id)
        SELECT md5(random()::text || o.id) || md5(o.id || random()::text), s.contact_email,
            o.sent_at, o.sent_at + interval '{LINK_VALIDITY_DAYS} days', NULL, o.id, NULL
        FROM accompaniment_orientation o
        JOIN accompaniment_partnerservice s ON s.id = o.service_id
        WHERE o.id > {before} AND o.sent_at IS NOT NULL
        """,
        label="accompaniment_orientationlink",
    )
