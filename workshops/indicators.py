"""Figures of the collective workshops for the bilans (see reports.registry): cycles, sessions
held and planned, participants, attendance rate and the participants' appreciation.

One query, whatever the data: the sessions of the period, then their attendance and their
feedback, each aggregated by centre and for the whole scope.
"""

from reports.registry import Indicator, ReportScope, register_indicator
from reports.sql import day_params, fetch, per_centre
from workshops.models import (
    SCORES,
    Attendance,
    AttendanceStatus,
    Cycle,
    Enrolment,
    Feedback,
    Session,
)

SESSION = Session._meta.db_table
CYCLE = Cycle._meta.db_table
ATTENDANCE = Attendance._meta.db_table
ENROLMENT = Enrolment._meta.db_table
FEEDBACK = Feedback._meta.db_table
PRESENT, EXCUSED, UNEXCUSED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.UNEXCUSED,
)
LOW, HIGH = SCORES[0][0], SCORES[-1][0]

WORKSHOPS_SQL = f"""
WITH sessions AS MATERIALIZED (
    SELECT s.id, s.cycle_id, c.centre_id, s.on AS day, s.attendance_taken_at
    FROM {SESSION} s JOIN {CYCLE} c ON c.id = s.cycle_id
    WHERE c.centre_id = ANY(%(centres)s) AND s.on BETWEEN %(first_day)s AND %(last_day)s
)
SELECT 'sessions' AS part, centre_id,
       count(DISTINCT cycle_id) AS cycles,
       count(*) AS planned,
       count(*) FILTER (WHERE attendance_taken_at IS NOT NULL) AS held,
       count(*) FILTER (WHERE attendance_taken_at IS NULL AND day < %(today)s) AS not_recorded,
       count(*) FILTER (WHERE attendance_taken_at IS NULL AND day >= %(today)s) AS upcoming,
       NULL::bigint AS participants, NULL::bigint AS present, NULL::bigint AS excused,
       NULL::bigint AS unexcused, NULL::bigint AS opinions, NULL::numeric AS score
FROM sessions
GROUP BY GROUPING SETS ((centre_id), ())
UNION ALL
SELECT 'attendance', s.centre_id, NULL, NULL, NULL, NULL, NULL,
       count(DISTINCT e.person_id) FILTER (WHERE a.status = '{PRESENT}'),
       count(*) FILTER (WHERE a.status = '{PRESENT}'),
       count(*) FILTER (WHERE a.status = '{EXCUSED}'),
       count(*) FILTER (WHERE a.status = '{UNEXCUSED}'),
       NULL, NULL
FROM sessions s
JOIN {ATTENDANCE} a ON a.session_id = s.id
JOIN {ENROLMENT} e ON e.id = a.enrolment_id
GROUP BY GROUPING SETS ((s.centre_id), ())
UNION ALL
SELECT 'feedback', s.centre_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       count(*), avg(f.score)
FROM sessions s JOIN {FEEDBACK} f ON f.session_id = s.id
GROUP BY GROUPING SETS ((s.centre_id), ())
"""


def workshops(scope: ReportScope):
    rows = fetch(WORKSHOPS_SQL, day_params(scope))
    table = scope.table()

    def add(label, part, value, **kwargs):
        return table.add(label, per_centre(scope, rows, value, part=part), **kwargs)

    add("Cycles d’ateliers ayant au moins une séance dans la période", "sessions", "cycles")
    planned = add("Séances prévues dans la période", "sessions", "planned")
    held = add("dont séances tenues (présences saisies)", "sessions", "held", level=1)
    not_recorded = add(
        "dont séances passées sans présences saisies", "sessions", "not_recorded", level=1
    )
    upcoming = add("dont séances à venir", "sessions", "upcoming", level=1)
    table.sum_of(planned, [held, not_recorded, upcoming])
    add(
        "Participant·es présent·es à au moins une séance (compté·es une fois)",
        "attendance",
        "participants",
    )
    statuses = ("present", "excused", "unexcused")
    values = {key: per_centre(scope, rows, key, part="attendance") for key in statuses}
    records = table.add(
        "Présences et absences saisies (inscrit·es × séances tenues)",
        [sum(cells) for cells in zip(*values.values(), strict=True)],
    )
    present, excused, unexcused = (
        table.add(label, values[key], level=1)
        for key, label in zip(
            statuses,
            ("dont présences", "dont absences excusées", "dont absences non excusées"),
            strict=True,
        )
    )
    table.sum_of(records, [present, excused, unexcused])
    table.add_rate(
        "Taux de présence (présences sur les présences et absences saisies)", present, records
    )
    opinions = add("Avis de participant·es recueillis", "feedback", "opinions")
    table.add_mean(
        f"Appréciation moyenne des séances, de {LOW} (pas du tout) à {HIGH} (très bien), sur "
        "les avis recueillis",
        per_centre(scope, rows, "score", default=None, part="feedback"),
        opinions,
    )
    table.chart_rows = [held, not_recorded, upcoming]
    return table


register_indicator(
    Indicator(
        key="workshops.activity",
        section="Ateliers collectifs",
        title="Ateliers collectifs : séances, participant·es et présence",
        definition=(
            "Séances des cycles d’ateliers collectifs des centres choisis dont la date tombe "
            "entre le premier et le dernier jour de la période. Une séance est tenue quand les "
            "présences y ont été saisies. Participant·es : personnes inscrites présentes à au "
            "moins une de ces séances, comptées une fois. Le taux de présence rapporte les "
            "présences à toutes les présences et absences (excusées ou non) saisies pour ces "
            "séances. L’appréciation est la moyenne des avis anonymes des participant·es, "
            f"notés de {LOW} (pas du tout) à {HIGH} (très bien)."
        ),
        compute=workshops,
        order=360,
        public=True,
    )
)
