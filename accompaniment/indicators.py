"""Figures of the accompaniment for the bilans (see reports.registry): accompaniments open,
started and ended by mode, exits by reason with the share of positive exits and the average
length, and the orientations to the partners by partner and by outcome.

One query for the accompaniments, one for the orientations, whatever the data.
"""

from accompaniment.choices import (
    POSITIVE_EXIT_REASONS,
    ExitReason,
    Mode,
    OrientationStatus,
    StepKind,
)
from accompaniment.models import Accompaniment, Orientation, Step
from organisations.models import Organisation
from reports.registry import Indicator, ReportScope, register_indicator
from reports.sql import day_params, fetch, per_centre

ACCOMPANIMENT = Accompaniment._meta.db_table
STEP = Step._meta.db_table
ORIENTATION = Orientation._meta.db_table
ORGANISATION = Organisation._meta.db_table
SECTION_ACCOMPANIMENTS = "Accompagnements"
SECTION_ORIENTATIONS = "Orientations vers les partenaires"

# One pass over the accompaniments that overlap the period: a row per centre and mode, per
# centre and exit reason (an open accompaniment's reason is ''), per centre, and the same
# for the whole scope (centre_id NULL). Dates are days: the period's are both included.
ACCOMPANIMENTS_SQL = f"""
SELECT a.centre_id, a.mode, a.exit_reason,
       count(*) FILTER (
           WHERE a.start_date BETWEEN %(first_day)s AND %(last_day)s) AS started,
       count(*) FILTER (
           WHERE a.end_date BETWEEN %(first_day)s AND %(last_day)s) AS ended,
       count(*) FILTER (
           WHERE a.start_date <= %(reference_date)s
             AND (a.end_date IS NULL OR a.end_date > %(reference_date)s)) AS open,
       count(*) FILTER (WHERE pauses.n > 0) AS paused,
       avg(a.end_date - a.start_date) FILTER (
           WHERE a.end_date BETWEEN %(first_day)s AND %(last_day)s) AS mean_length
FROM {ACCOMPANIMENT} a
LEFT JOIN LATERAL (
    SELECT count(*) AS n FROM {STEP} s
    WHERE s.accompaniment_id = a.id AND s.kind = '{StepKind.PAUSED}'
      AND s.on BETWEEN %(first_day)s AND %(last_day)s
) AS pauses ON true
WHERE a.centre_id = ANY(%(centres)s)
  AND a.start_date <= %(last_day)s
  AND (a.end_date IS NULL OR a.end_date >= LEAST(%(first_day)s, %(reference_date)s))
GROUP BY GROUPING SETS (
    (a.centre_id, a.mode), (a.mode), (a.centre_id, a.exit_reason), (a.exit_reason),
    (a.centre_id), ()
)
"""


def _accompaniments(scope: ReportScope) -> list[dict]:
    return scope.memo(
        "accompaniment.accompaniments", lambda: fetch(ACCOMPANIMENTS_SQL, day_params(scope))
    )


def _by_mode(scope, table, rows, measure: str, label: str) -> int:
    """A total line for `measure` and one "dont" line per mode; they add up."""
    total = table.add(label, per_centre(scope, rows, measure, mode=None, exit_reason=None))
    parts = [
        table.add(
            f"dont {mode_label[0].lower()}{mode_label[1:]}",
            per_centre(scope, rows, measure, mode=mode, exit_reason=None),
            level=1,
        )
        for mode, mode_label in Mode.choices
    ]
    table.sum_of(total, parts)
    return total


def accompaniments_by_mode(scope: ReportScope):
    rows = _accompaniments(scope)
    table = scope.table()
    started = _by_mode(scope, table, rows, "started", "Accompagnements démarrés dans la période")
    ended = _by_mode(scope, table, rows, "ended", "Accompagnements terminés dans la période")
    open_ = _by_mode(
        scope,
        table,
        rows,
        "open",
        f"Accompagnements en cours au {scope.reference_date:%d/%m/%Y} (pauses comprises)",
    )
    table.add(
        "Accompagnements mis en pause au moins une fois dans la période",
        per_centre(scope, rows, "paused", mode=None, exit_reason=None),
    )
    table.chart_rows = [started, ended, open_]
    return table


register_indicator(
    Indicator(
        key="accompaniment.activity",
        section=SECTION_ACCOMPANIMENTS,
        title="Accompagnements démarrés, terminés et en cours, par mode",
        definition=(
            "Accompagnements insertion des centres choisis, selon leur mode (individuel ou "
            "collectif). Démarrés : date de début entre le premier et le dernier jour de la "
            "période. Terminés : date de fin dans la période. En cours : commencés et pas "
            "encore terminés au dernier jour de la période (ou à la date du calcul si la "
            "période n’est pas finie), y compris les accompagnements en pause. Une personne "
            "n’a qu’un accompagnement ouvert à la fois."
        ),
        compute=accompaniments_by_mode,
        order=300,
        public=True,
    )
)


def exits(scope: ReportScope):
    rows = _accompaniments(scope)
    table = scope.table()
    total = table.add(
        "Sorties dans la période (accompagnements terminés)",
        per_centre(scope, rows, "ended", mode=None, exit_reason=None),
    )
    parts = {
        code: table.add(
            label, per_centre(scope, rows, "ended", mode=None, exit_reason=code), level=1
        )
        for code, label in ExitReason.choices
    }
    table.sum_of(total, list(parts.values()))
    positive = table.add(
        "Sorties positives (emploi durable ou de transition, formation qualifiante, "
        "création d’entreprise)",
        [
            sum(values)
            for values in zip(
                *(table.rows[parts[code]].values for code in POSITIVE_EXIT_REASONS), strict=True
            )
        ],
    )
    table.sum_of(positive, [parts[code] for code in POSITIVE_EXIT_REASONS])
    table.add_rate("Part des sorties positives (sur les sorties de la période)", positive, total)
    table.add_mean(
        "Durée moyenne des accompagnements terminés dans la période, en jours",
        per_centre(scope, rows, "mean_length", default=None, mode=None, exit_reason=None),
        total,
    )
    table.chart_rows = list(parts.values())
    return table


register_indicator(
    Indicator(
        key="accompaniment.exits",
        section=SECTION_ACCOMPANIMENTS,
        title="Sorties par motif, part des sorties positives et durée des accompagnements",
        definition=(
            "Accompagnements terminés entre le premier et le dernier jour de la période, par "
            "motif de sortie. Sortie positive, comme dans les grilles des financeurs de "
            "l’insertion : un emploi durable (CDI, CDD de 6 mois ou plus) ou de transition "
            "(CDD de moins de 6 mois), une formation qualifiante ou une création d’entreprise. "
            "La part des sorties positives est calculée sur toutes les sorties de la période. "
            "La durée va de la date de début à la date de fin de l’accompagnement."
        ),
        compute=exits,
        order=310,
    )
)


# Orientations sent in the period (sent_at: the partner received it), by the centre of the
# accompaniment; by partner and by outcome (the status at the date of the computation).
ORIENTATIONS_SQL = f"""
SELECT a.centre_id, o.organisation_id, partner.name AS partner, o.status, count(*) AS n
FROM {ORIENTATION} o
JOIN {ACCOMPANIMENT} a ON a.id = o.accompaniment_id
JOIN {ORGANISATION} partner ON partner.id = o.organisation_id
WHERE a.centre_id = ANY(%(centres)s)
  AND o.sent_at >= %(start)s AND o.sent_at < %(end)s AND o.sent_at <= %(as_of)s
GROUP BY GROUPING SETS (
    (a.centre_id, o.organisation_id, partner.name), (o.organisation_id, partner.name),
    (a.centre_id, o.status), (o.status), (a.centre_id), ()
)
"""


def _orientations(scope: ReportScope) -> list[dict]:
    return scope.memo(
        "accompaniment.orientations", lambda: fetch(ORIENTATIONS_SQL, scope.sql_params())
    )


# The outcome of an orientation sent: what the partner answered, or why there is no answer.
ACCEPTED = (OrientationStatus.ACCEPTED, OrientationStatus.DONE, OrientationStatus.NO_FOLLOW_UP)
OUTCOMES = [
    (ACCEPTED, "dont acceptées par le partenaire"),
    ((OrientationStatus.REFUSED,), "dont refusées par le partenaire"),
    ((OrientationStatus.EXPIRED,), "dont expirées (sans réponse en 30 jours)"),
    ((OrientationStatus.CANCELLED,), "dont annulées par le centre"),
    ((OrientationStatus.SENT,), "dont en attente de réponse"),
]
AFTER_ACCEPTANCE = [
    (OrientationStatus.DONE, "Acceptées : la personne a bénéficié du service"),
    (OrientationStatus.NO_FOLLOW_UP, "Acceptées : sans suite"),
    (OrientationStatus.ACCEPTED, "Acceptées : suite pas encore indiquée"),
]


def _status_values(scope, rows, statuses) -> list[int]:
    columns = [per_centre(scope, rows, organisation_id=None, status=status) for status in statuses]
    return [sum(values) for values in zip(*columns, strict=True)]


def orientations_by_outcome(scope: ReportScope):
    rows = _orientations(scope)
    table = scope.table()
    total = table.add(
        "Orientations envoyées dans la période",
        per_centre(scope, rows, organisation_id=None, status=None),
    )
    parts = [
        table.add(label, _status_values(scope, rows, statuses), level=1)
        for statuses, label in OUTCOMES
    ]
    table.sum_of(total, parts)
    accepted, refused = parts[0], parts[1]
    answered = table.add(
        "Orientations ayant reçu une réponse du partenaire (acceptées ou refusées)",
        [a + r for a, r in zip(table.rows[accepted].values, table.rows[refused].values,
                               strict=True)],
    )  # fmt: skip
    table.sum_of(answered, [accepted, refused])
    table.add_rate(
        "Part des orientations acceptées (sur les orientations ayant reçu une réponse)",
        accepted,
        answered,
    )
    after = [
        table.add(label, _status_values(scope, rows, (status,)))
        for status, label in AFTER_ACCEPTANCE
    ]
    table.sum_of(accepted, after)
    table.chart_rows = parts
    return table


register_indicator(
    Indicator(
        key="accompaniment.orientations",
        section=SECTION_ORIENTATIONS,
        title="Orientations envoyées et suite donnée par les partenaires",
        definition=(
            "Orientations d’une personne accompagnée vers le service d’un partenaire, envoyées "
            "entre le premier et le dernier jour de la période (les propositions jamais "
            "envoyées ne comptent pas), par centre de l’accompagnement, selon leur suite à la "
            "date du calcul. Une orientation sans réponse du partenaire expire au bout de 30 "
            "jours. Le taux d’acceptation est calculé sur les orientations ayant reçu une "
            "réponse (acceptées ou refusées), pas sur celles en attente, expirées ou annulées."
        ),
        compute=orientations_by_outcome,
        order=320,
    )
)


def orientations_by_partner(scope: ReportScope):
    rows = _orientations(scope)
    totals = {
        (row["organisation_id"], row["partner"]): row["n"]
        for row in rows
        if row["centre_id"] is None and row["organisation_id"] is not None
    }
    partners = sorted(totals, key=lambda key: (-totals[key], key[1], key[0]))
    table = scope.table()
    total = table.add(
        "Orientations envoyées dans la période",
        per_centre(scope, rows, organisation_id=None, status=None),
    )
    parts = [
        table.add(name, per_centre(scope, rows, organisation_id=pk, status=None), level=1)
        for pk, name in partners
    ]
    table.sum_of(total, parts)
    table.chart_rows = parts
    return table


register_indicator(
    Indicator(
        key="accompaniment.orientations_by_partner",
        section=SECTION_ORIENTATIONS,
        title="Orientations envoyées par partenaire",
        definition=(
            "Orientations envoyées entre le premier et le dernier jour de la période, par "
            "organisation partenaire qui les a reçues (tous ses services ensemble), par centre "
            "de l’accompagnement. Les partenaires sont classés du plus au moins sollicité."
        ),
        compute=orientations_by_partner,
        order=330,
    )
)
