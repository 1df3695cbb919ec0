"""Figures of the agenda for the bilans (see reports.registry): the first individual
appointment after a request, and the appointments of the period by status.

Individual appointments only: workshop sessions (kind `workshop_session`, possibly with no
person) are counted by the workshops' figures, never here. One query per indicator.
"""

from agenda.models import FREEING_STATUSES, Appointment, AppointmentKind, AppointmentStatus
from reports.registry import Indicator, ReportScope, register_indicator
from reports.sql import REQUEST, fetch, per_centre

APPOINTMENT = Appointment._meta.db_table
SECTION_APPOINTMENTS = "Rendez-vous"


def _sql_list(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


# The appointments a first meeting after a request can be (the agenda's "first appointment").
FIRST_KINDS = _sql_list((AppointmentKind.FOLLOW_UP, AppointmentKind.DIAGNOSIS))
# Cancelled, by the service or by the person (excused): it did not take place.
NOT_HELD = _sql_list(FREEING_STATUSES)
DAYS = (15, 30)


def _within(days: int) -> str:
    due = f"r.created_at + interval '{days} days'"
    return (
        f"count(*) FILTER (WHERE {due} <= %(as_of)s) AS mature_{days}, "
        f"count(*) FILTER (WHERE {due} <= %(as_of)s AND first.at <= {due}) AS within_{days}"
    )


def first_appointment(scope: ReportScope):
    rows = fetch(
        f"""
        SELECT r.centre_id,
               count(*) AS recorded,
               {_within(15)}, {_within(30)},
               count(*) FILTER (WHERE first.at <= %(as_of)s) AS met,
               avg(extract(epoch FROM first.at - r.created_at) / 86400)
                   FILTER (WHERE first.at <= %(as_of)s) AS mean_delay
        FROM {REQUEST} r
        LEFT JOIN LATERAL (
            SELECT min(ap.starts_at) AS at FROM {APPOINTMENT} ap
            WHERE ap.person_id = r.person_id AND ap.starts_at >= r.created_at
              AND ap.kind IN ({FIRST_KINDS}) AND ap.status NOT IN ({NOT_HELD})
        ) AS first ON true
        WHERE r.centre_id = ANY(%(centres)s)
          AND r.created_at >= %(start)s AND r.created_at < %(end)s
        GROUP BY GROUPING SETS ((r.centre_id), ())
        """,
        scope.sql_params(),
    )
    table = scope.table()
    table.add("Demandes enregistrées dans la période", per_centre(scope, rows, "recorded"))
    for days in DAYS:
        mature = table.add(
            f"Demandes enregistrées depuis au moins {days} jours à la date du calcul",
            per_centre(scope, rows, f"mature_{days}"),
        )
        within = table.add(
            f"dont premier rendez-vous individuel dans les {days} jours",
            per_centre(scope, rows, f"within_{days}"),
            level=1,
        )
        table.add_rate(
            f"Part avec un premier rendez-vous dans les {days} jours (sur les demandes "
            f"enregistrées depuis au moins {days} jours)",
            within,
            mature,
        )
    met = table.add(
        "Demandes suivies d’un premier rendez-vous individuel à la date du calcul",
        per_centre(scope, rows, "met"),
    )
    table.add_mean(
        "Délai moyen entre la demande et le premier rendez-vous, en jours (sur les demandes "
        "suivies d’un premier rendez-vous)",
        per_centre(scope, rows, "mean_delay", default=None),
        met,
    )
    return table


register_indicator(
    Indicator(
        key="agenda.first_appointment",
        section=SECTION_APPOINTMENTS,
        title="Délai du premier rendez-vous après la demande",
        definition=(
            "Demandes d’accompagnement enregistrées entre le premier et le dernier jour de la "
            "période, et date du premier rendez-vous individuel (suivi ou diagnostic) de la "
            "personne fixé à partir de la demande ; les rendez-vous annulés, par le service ou "
            "par la personne, ne comptent pas, un rendez-vous manqué compte. Le taux « dans "
            "les N jours » ne compte, au numérateur comme au dénominateur, que les demandes "
            "enregistrées depuis au moins N jours à la date du calcul. À distinguer du délai "
            "de démarrage de l’accompagnement (section « Demandes d’accompagnement »)."
        ),
        compute=first_appointment,
        order=340,
    )
)


STATUS_PARTS = [
    ("seen", "dont rendez-vous honorés"),
    ("no_show", "dont absences non excusées"),
    ("excused", "dont annulés par la personne (excusée)"),
    ("cancelled", "dont annulés par le service"),
    ("to_fill_in", "dont à renseigner (passés, présence non saisie)"),
    ("upcoming", "dont à venir"),
]


def appointments_by_status(scope: ReportScope):
    planned = AppointmentStatus.PLANNED
    rows = fetch(
        f"""
        SELECT ap.centre_id,
               count(*) AS total,
               count(*) FILTER (WHERE ap.status = '{AppointmentStatus.SEEN}') AS seen,
               count(*) FILTER (WHERE ap.status = '{AppointmentStatus.NO_SHOW}') AS no_show,
               count(*) FILTER (WHERE ap.status = '{AppointmentStatus.EXCUSED}') AS excused,
               count(*) FILTER (WHERE ap.status = '{AppointmentStatus.CANCELLED}') AS cancelled,
               count(*) FILTER (WHERE ap.status = '{planned}' AND ap.starts_at < %(as_of)s)
                   AS to_fill_in,
               count(*) FILTER (WHERE ap.status = '{planned}' AND ap.starts_at >= %(as_of)s)
                   AS upcoming,
               count(DISTINCT ap.person_id) FILTER (WHERE ap.status = '{AppointmentStatus.SEEN}')
                   AS people_seen
        FROM {APPOINTMENT} ap
        WHERE ap.centre_id = ANY(%(centres)s)
          AND ap.starts_at >= %(start)s AND ap.starts_at < %(end)s
          AND ap.kind <> '{AppointmentKind.WORKSHOP_SESSION}' AND ap.person_id IS NOT NULL
        GROUP BY GROUPING SETS ((ap.centre_id), ())
        """,
        scope.sql_params(),
    )
    table = scope.table()
    total = table.add(
        "Rendez-vous individuels prévus dans la période", per_centre(scope, rows, "total")
    )
    parts = {
        key: table.add(label, per_centre(scope, rows, key), level=1) for key, label in STATUS_PARTS
    }
    table.sum_of(total, list(parts.values()))
    known = table.add(
        "Rendez-vous honorés ou manqués sans excuse",
        [
            seen + missed
            for seen, missed in zip(
                table.rows[parts["seen"]].values, table.rows[parts["no_show"]].values, strict=True
            )
        ],
    )
    table.sum_of(known, [parts["seen"], parts["no_show"]])
    table.add_rate(
        "Taux de présence : part des rendez-vous honorés (sur les rendez-vous honorés ou "
        "manqués sans excuse)",
        parts["seen"],
        known,
    )
    table.add(
        "Personnes venues à au moins un rendez-vous (comptées une fois)",
        per_centre(scope, rows, "people_seen"),
    )
    table.chart_rows = list(parts.values())
    return table


register_indicator(
    Indicator(
        key="agenda.appointments",
        section=SECTION_APPOINTMENTS,
        title="Rendez-vous individuels honorés, manqués et annulés",
        definition=(
            "Rendez-vous individuels (suivi, diagnostic, rencontre avec un partenaire) des "
            "centres choisis dont la date tombe entre le premier et le dernier jour de la "
            "période, selon leur statut à la date du calcul ; les séances d’ateliers collectifs "
            "sont comptées avec les ateliers. « À renseigner » : rendez-vous passés dont la "
            "présence n’a pas été saisie. Le taux de présence est calculé sur les rendez-vous "
            "honorés ou manqués sans excuse : les rendez-vous annulés et ceux à renseigner n’y "
            "comptent pas."
        ),
        compute=appointments_by_status,
        order=350,
    )
)
