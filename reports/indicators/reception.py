"""Reception figures: passages (information vs accompaniment, SENACS), requests, hand-offs."""

from data_inclusion.schema.v1 import Categorie

from reception.models import Handoff, RequestStatus, RequestTransition
from reports.indicators.people import received_people
from reports.registry import Indicator, ReportScope, register_indicator
from reports.request_moves import LAST_MOVE
from reports.sql import REQUEST, fetch, per_centre
from reports.summaries import PASSAGES

TRANSITION = RequestTransition._meta.db_table
HANDOFF = Handoff._meta.db_table
SECTION_RECEPTION = "Accueil"
SECTION_REQUESTS = "Demandes d’accompagnement"


def visits_and_people(scope: ReportScope):
    # Sums of days (the period is made of whole local days), kept by triggers.
    visits = fetch(
        f"""
        SELECT d.centre_id,
               sum(d.visits) AS visits,
               sum(d.visits - d.accompaniment) AS information,
               sum(d.accompaniment) AS accompaniment,
               sum(d.anonymous) AS anonymous,
               sum(d.visits - d.anonymous) AS named
        FROM {PASSAGES} d
        WHERE d.centre_id = ANY(%(centres)s) AND d.day >= %(first_day)s AND d.day <= %(last_day)s
        GROUP BY GROUPING SETS ((d.centre_id), ())
        """,
        scope.sql_params(first_day=scope.start, last_day=scope.end),
    )
    # The people received come with the profile's query (one pass for both).
    people = received_people(scope, "total")
    table = scope.table()
    total = table.add("Passages à l’accueil", per_centre(scope, visits, "visits"))
    information = table.add(
        "dont passages d’information", per_centre(scope, visits, "information"), level=1
    )
    accompaniment = table.add(
        "dont passages liés à l’accompagnement insertion",
        per_centre(scope, visits, "accompaniment"),
        level=1,
    )
    table.sum_of(total, [information, accompaniment])
    anonymous = table.add(
        "dont passages anonymes (sans fiche)", per_centre(scope, visits, "anonymous"), level=1
    )
    named = table.add(
        "dont passages de personnes ayant une fiche", per_centre(scope, visits, "named"), level=1
    )
    table.sum_of(total, [anonymous, named])
    received = per_centre(scope, people, "n")
    accompanied_values = per_centre(scope, people, "accompanied")
    people_row = table.add("Personnes reçues (comptées une fois)", received)
    informed = table.add(
        "dont personnes informées seulement",
        [all_ - acc for all_, acc in zip(received, accompanied_values, strict=True)],
        level=1,
    )
    accompanied = table.add("dont personnes accompagnées", accompanied_values, level=1)
    table.sum_of(people_row, [informed, accompanied])
    table.add_rate(
        "Part des personnes accompagnées (sur les personnes reçues)", accompanied, people_row
    )
    table.chart_rows = [information, accompaniment]
    return table


register_indicator(
    Indicator(
        key="reception.visits",
        section=SECTION_RECEPTION,
        title="Passages et personnes reçues : information ou accompagnement",
        definition=(
            "Passages enregistrés à l’accueil entre le premier et le dernier jour de la période. "
            "Un passage relève de l’accompagnement insertion quand son motif est une demande "
            "d’accompagnement, un rendez-vous ou un atelier, ou quand il a été transmis à la "
            "coordination ou a donné lieu à un rendez-vous ; sinon, c’est un passage "
            "d’information (comme le demande l’observatoire SENACS). Personnes reçues : les "
            "personnes ayant une fiche venues à l’accueil ou dont une demande a été enregistrée "
            "dans la période, comptées une fois par centre et une fois pour l’ensemble ; elles "
            "sont « accompagnées » si au moins un passage ou une demande relève de "
            "l’accompagnement, « informées seulement » sinon. Les passages anonymes sont "
            "comptés dans les passages, pas dans les personnes."
        ),
        compute=visits_and_people,
        order=100,
        public=True,
    )
)


def requests_by_need(scope: ReportScope):
    rows = fetch(
        f"""
        SELECT centre_id, family, count(DISTINCT request_id) AS n
        FROM (
            SELECT r.centre_id, r.id AS request_id, split_part(need, '--', 1) AS family
            FROM {REQUEST} r
            CROSS JOIN LATERAL unnest(
                CASE WHEN cardinality(r.needs) = 0 THEN ARRAY['none']::varchar[]
                     ELSE r.needs END
            ) AS need
            WHERE r.centre_id = ANY(%(centres)s)
              AND r.created_at >= %(start)s AND r.created_at < %(end)s
        ) AS needs
        GROUP BY GROUPING SETS ((centre_id, family), (family), (centre_id), ())
        """,
        scope.sql_params(),
    )
    labels = {family.value: family.label for family in Categorie}
    labels["none"] = "Besoin non précisé"
    totals = {row["family"]: row["n"] for row in rows if row["centre_id"] is None}
    families = sorted(
        (family for family in totals if family is not None),
        key=lambda family: (-totals[family], labels.get(family, family)),
    )
    table = scope.table()
    table.add("Demandes enregistrées dans la période", per_centre(scope, rows, family=None))
    table.chart_rows = [
        table.add(labels.get(family, family), per_centre(scope, rows, family=family), level=1)
        for family in families
    ]
    table.note = "Une demande peut porter sur plusieurs besoins : les lignes ne s’additionnent pas."
    return table


register_indicator(
    Indicator(
        key="reception.needs",
        section=SECTION_REQUESTS,
        title="Demandes par besoin",
        definition=(
            "Demandes d’accompagnement enregistrées dans la période, par famille de besoins de "
            "la liste nationale des thématiques data·inclusion. Une demande qui porte sur "
            "plusieurs besoins d’une même famille compte une fois dans cette famille."
        ),
        compute=requests_by_need,
        order=200,
        public=True,
    )
)


def _started_within(days: int) -> str:
    return (
        f"count(*) FILTER (WHERE r.created_at + interval '{days} days' <= %(as_of)s "
        f"AND s.started_at <= r.created_at + interval '{days} days') AS started_{days}, "
        f"count(*) FILTER (WHERE r.created_at + interval '{days} days' <= %(as_of)s) "
        f"AS mature_{days}"
    )


def requests_and_delays(scope: ReportScope):
    rows = fetch(
        f"""
        SELECT r.centre_id,
               count(*) AS recorded,
               count(*) FILTER (WHERE r.urgency = 'urgent') AS urgent,
               count(*) FILTER (WHERE r.renews_id IS NOT NULL) AS renewals,
               {_started_within(15)}, {_started_within(30)},
               count(*) FILTER (WHERE s.started_at IS NOT NULL) AS started,
               avg(extract(epoch FROM s.started_at - r.created_at) / 86400)
                   FILTER (WHERE s.started_at IS NOT NULL) AS mean_delay
        FROM {REQUEST} r
        LEFT JOIN LATERAL (
            SELECT min(t.at) AS started_at FROM {TRANSITION} t
            WHERE t.request_id = r.id AND t.to_status = '{RequestStatus.IN_ACCOMPANIMENT}'
              AND t.at <= %(as_of)s
        ) AS s ON true
        WHERE r.centre_id = ANY(%(centres)s)
          AND r.created_at >= %(start)s AND r.created_at < %(end)s
        GROUP BY GROUPING SETS ((r.centre_id), ())
        """,
        scope.sql_params(),
    )
    table = scope.table()
    table.add("Demandes enregistrées dans la période", per_centre(scope, rows, "recorded"))
    table.add("dont demandes urgentes", per_centre(scope, rows, "urgent"), level=1)
    table.add("dont renouvellements", per_centre(scope, rows, "renewals"), level=1)
    for days in (15, 30):
        mature = table.add(
            f"Demandes enregistrées depuis au moins {days} jours",
            per_centre(scope, rows, f"mature_{days}"),
        )
        started = table.add(
            f"dont accompagnement démarré dans les {days} jours",
            per_centre(scope, rows, f"started_{days}"),
            level=1,
        )
        table.add_rate(
            f"Part démarrée dans les {days} jours (sur les demandes enregistrées depuis au "
            f"moins {days} jours)",
            started,
            mature,
        )
    started = table.add(
        "Accompagnements démarrés (demandes de la période)", per_centre(scope, rows, "started")
    )
    table.add_mean(
        "Délai moyen entre la demande et le début de l’accompagnement, en jours (sur les "
        "accompagnements démarrés)",
        per_centre(scope, rows, "mean_delay", default=None),
        started,
    )
    return table


register_indicator(
    Indicator(
        key="reception.delays",
        section=SECTION_REQUESTS,
        title="Demandes enregistrées et délai de démarrage de l’accompagnement",
        definition=(
            "Demandes enregistrées dans la période. Le délai va de l’enregistrement de la "
            "demande au premier passage au statut « En accompagnement ». Le taux « dans les N "
            "jours » ne compte que les demandes enregistrées depuis au moins N jours à la date "
            "du calcul : les plus récentes n’ont pas encore eu N jours et fausseraient le taux."
        ),
        compute=requests_and_delays,
        order=210,
    )
)


def lifecycle(scope: ReportScope):
    params = scope.sql_params()
    moves = fetch(
        f"""
        SELECT r.centre_id,
               count(DISTINCT t.request_id) FILTER (
                   WHERE t.to_status = '{RequestStatus.AWAITING_ANALYSIS}'
                     AND t.from_status = '{RequestStatus.NEW}') AS submitted,
               count(DISTINCT t.request_id) FILTER (
                   WHERE t.to_status = '{RequestStatus.IN_ACCOMPANIMENT}') AS started,
               count(DISTINCT t.request_id) FILTER (
                   WHERE t.to_status = '{RequestStatus.CLOSED}') AS closed,
               count(DISTINCT t.request_id) FILTER (
                   WHERE t.from_status = '{RequestStatus.CLOSED}') AS reopened
        FROM {TRANSITION} t JOIN {REQUEST} r ON r.id = t.request_id
        WHERE r.centre_id = ANY(%(centres)s) AND t.at >= %(start)s AND t.at < %(end)s
        GROUP BY GROUPING SETS ((r.centre_id), ())
        """,
        params,
    )
    # The status of each request at the end of the period: its last move before then. A
    # request whose last move (reports/request_moves.py) came before the end is in that
    # status; only those moved since the end have their moves read.
    stock = fetch(
        f"""
        SELECT centre_id, status, count(*) AS n
        FROM (
            SELECT r.centre_id, l.status
            FROM {LAST_MOVE} l JOIN {REQUEST} r ON r.id = l.request_id
            WHERE l.status <> '{RequestStatus.CLOSED}' AND l.at < %(end)s
              AND r.centre_id = ANY(%(centres)s)
            UNION ALL
            SELECT * FROM (
                SELECT DISTINCT ON (t.request_id) r.centre_id, t.to_status AS status
                FROM {LAST_MOVE} l
                JOIN {TRANSITION} t ON t.request_id = l.request_id
                JOIN {REQUEST} r ON r.id = l.request_id
                WHERE l.at >= %(end)s AND t.at < %(end)s AND r.centre_id = ANY(%(centres)s)
                ORDER BY t.request_id, t.at DESC, t.id DESC
            ) AS moved_since
        ) AS last_moves
        WHERE status <> '{RequestStatus.CLOSED}'
        GROUP BY GROUPING SETS ((centre_id, status), (status), (centre_id), ())
        """,
        params,
    )
    table = scope.table()
    table.add("Demandes transmises à la CIP", per_centre(scope, moves, "submitted"))
    table.add("Accompagnements démarrés", per_centre(scope, moves, "started"))
    table.add("Demandes clôturées", per_centre(scope, moves, "closed"))
    table.add("Demandes rouvertes", per_centre(scope, moves, "reopened"))
    open_total = table.add(
        f"Demandes en cours au {scope.end:%d/%m/%Y}", per_centre(scope, stock, status=None)
    )
    parts = [
        table.add(f"dont « {label} »", per_centre(scope, stock, status=status), level=1)
        for status, label in RequestStatus.choices
        if status != RequestStatus.CLOSED
    ]
    table.sum_of(open_total, parts)
    table.chart_rows = [0, 1, 2, 3]
    return table


register_indicator(
    Indicator(
        key="reception.lifecycle",
        section=SECTION_REQUESTS,
        title="Demandes : mouvements de la période et demandes en cours",
        definition=(
            "Nombre de demandes ayant connu, dans la période, chaque étape du cycle de vie "
            "(une demande compte une fois par étape). Demandes en cours : les demandes non "
            "clôturées au dernier jour de la période, selon leur statut à cette date."
        ),
        compute=lifecycle,
        order=220,
    )
)


def handoffs(scope: ReportScope):
    rows = fetch(
        f"""
        SELECT h.to_centre_id AS centre_id,
               count(*) AS total,
               count(*) FILTER (WHERE h.visit_id IS NOT NULL) AS from_desk,
               count(*) FILTER (WHERE h.to_colleague) AS to_colleague,
               count(*) FILTER (WHERE h.taken_at <= %(as_of)s) AS taken,
               count(*) FILTER (WHERE h.taken_at IS NULL OR h.taken_at > %(as_of)s) AS waiting
        FROM {HANDOFF} h
        WHERE h.to_centre_id = ANY(%(centres)s) AND h.at >= %(start)s AND h.at < %(end)s
        GROUP BY GROUPING SETS ((h.to_centre_id), ())
        """,
        scope.sql_params(),
    )
    table = scope.table()
    total = table.add("Transmissions dans la période", per_centre(scope, rows, "total"))
    table.add("dont transmissions de l’accueil", per_centre(scope, rows, "from_desk"), level=1)
    table.add(
        "dont transmissions à un·e collègue nommé·e",
        per_centre(scope, rows, "to_colleague"),
        level=1,
    )
    taken = table.add("Prises en charge à ce jour", per_centre(scope, rows, "taken"))
    waiting = table.add("En attente de prise en charge", per_centre(scope, rows, "waiting"))
    table.sum_of(total, [taken, waiting])
    return table


register_indicator(
    Indicator(
        key="reception.handoffs",
        section=SECTION_RECEPTION,
        title="Transmissions entre l’accueil, la coordination et la CIP",
        definition=(
            "Transmissions faites dans la période vers le centre (de l’accueil à la "
            "coordination, de la coordination à la CIP, à un·e collègue nommé·e), et leur "
            "prise en charge à la date du calcul."
        ),
        compute=handoffs,
        order=120,
    )
)
