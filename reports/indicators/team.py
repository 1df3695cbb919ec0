"""The team's workload: per coordinator and per CIP, on the centres of the scope.

Rows name a role and centres, never the professional: a bilan leaves the team.
"""

from accounts.models import Membership, Role
from reception.models import Handoff, RequestTransition
from reports.registry import Indicator, ReportScope, register_indicator
from reports.sql import PERSON, REQUEST, fetch
from reports.tables import FigureTable

MEMBERSHIP = Membership._meta.db_table
TRANSITION = RequestTransition._meta.db_table
HANDOFF = Handoff._meta.db_table
ROLE_LABELS = {Role.COORDINATOR: "Coordination", Role.COUNSELLOR: "CIP"}
MEASURES = [
    ("referent", "Personnes dont elle ou il est référent·e (à ce jour)"),
    ("recorded", "Demandes enregistrées"),
    ("moves", "Changements de statut de demandes"),
    ("taken", "Transmissions prises en charge"),
]


def workload(scope: ReportScope):
    rows = fetch(
        f"""
        WITH staff AS (
            SELECT m.user_id, min(m.role) AS role, array_agg(DISTINCT m.centre_id) AS centres
            FROM {MEMBERSHIP} m
            WHERE m.centre_id = ANY(%(centres)s) AND m.is_active
              AND m.role IN ('{Role.COORDINATOR}', '{Role.COUNSELLOR}')
            GROUP BY m.user_id
        )
        SELECT staff.user_id, staff.role, staff.centres,
               COALESCE(referent.n, 0) AS referent, COALESCE(recorded.n, 0) AS recorded,
               COALESCE(moves.n, 0) AS moves, COALESCE(taken.n, 0) AS taken
        FROM staff
        LEFT JOIN (
            SELECT referent_id AS user_id, count(*) AS n FROM {PERSON}
            WHERE centre_id = ANY(%(centres)s) AND merged_into_id IS NULL
            GROUP BY referent_id
        ) AS referent USING (user_id)
        LEFT JOIN (
            SELECT created_by_id AS user_id, count(*) AS n FROM {REQUEST}
            WHERE centre_id = ANY(%(centres)s) AND created_at >= %(start)s AND created_at < %(end)s
            GROUP BY created_by_id
        ) AS recorded USING (user_id)
        LEFT JOIN (
            SELECT t.by_id AS user_id, count(*) AS n
            FROM {TRANSITION} t JOIN {REQUEST} r ON r.id = t.request_id
            WHERE r.centre_id = ANY(%(centres)s) AND t.from_status <> ''
              AND t.at >= %(start)s AND t.at < %(end)s
            GROUP BY t.by_id
        ) AS moves USING (user_id)
        LEFT JOIN (
            SELECT taken_by_id AS user_id, count(*) AS n FROM {HANDOFF}
            WHERE to_centre_id = ANY(%(centres)s)
              AND taken_at >= %(start)s AND taken_at < %(end)s
            GROUP BY taken_by_id
        ) AS taken USING (user_id)
        ORDER BY staff.role, staff.centres, staff.user_id
        """,
        scope.sql_params(),
    )
    names = dict(scope.centres)
    table = FigureTable(columns=[label for _, label in MEASURES])
    seen: dict[str, int] = {}
    members = []
    for row in rows:
        centres = ", ".join(names[pk] for pk in scope.centre_ids if pk in row["centres"])
        label = f"{ROLE_LABELS[row['role']]} – {centres}"
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"
        members.append(table.add(label, [row[key] for key, _ in MEASURES]))
    total = table.add(
        "Ensemble de l’équipe", [sum(row[key] for row in rows) for key, _ in MEASURES]
    )
    table.sum_of(total, members)
    return table


register_indicator(
    Indicator(
        key="reports.workload",
        section="Équipe",
        title="Charge de travail par coordinateur·rice et par CIP",
        definition=(
            "Pour chaque coordinateur·rice et chaque CIP actif des centres choisis (désigné·e "
            "par son rôle et ses centres, jamais par son nom) : les personnes de ces centres "
            "dont elle ou il est référent·e à la date du calcul, puis, dans la période, les "
            "demandes enregistrées, les changements de statut de demandes et les transmissions "
            "prises en charge."
        ),
        compute=workload,
        order=900,
    )
)
