"""People figures: new files and the profile of the people received (age, sex, neighbourhood,
priority neighbourhood, resources, situation towards employment)."""

from organisations.models import Neighbourhood
from people.choices import EmploymentSituation, Resource, Sex
from reports.registry import Indicator, ReportScope, register_indicator
from reports.sql import PERSON, breakdowns, fetch, per_centre

NEIGHBOURHOOD = Neighbourhood._meta.db_table
SECTION_PEOPLE = "Personnes"
SECTION_PROFILE = "Profil des personnes reçues"
RECEIVED = "Personnes reçues dans la période"
UNKNOWN = "unknown"
PROFILE_DEFINITION = (
    "Personnes reçues dans la période (venues à l’accueil avec leur fiche ou dont une demande "
    "a été enregistrée), comptées une fois par centre et une fois pour l’ensemble, selon "
    "leur fiche à la date du calcul. "
)


def new_people(scope: ReportScope):
    rows = fetch(
        f"""
        SELECT p.centre_id,
               count(*) FILTER (WHERE p.import_batch_id IS NULL) AS created,
               count(*) FILTER (WHERE p.import_batch_id IS NOT NULL) AS imported
        FROM {PERSON} p
        WHERE p.centre_id = ANY(%(centres)s) AND p.merged_into_id IS NULL
          AND p.created_at >= %(start)s AND p.created_at < %(end)s
        GROUP BY GROUPING SETS ((p.centre_id), ())
        """,
        scope.sql_params(),
    )
    table = scope.table()
    table.add("Nouvelles personnes (fiches créées)", per_centre(scope, rows, "created"))
    table.add("Fiches reprises d’un fichier existant (import)", per_centre(scope, rows, "imported"))
    return table


register_indicator(
    Indicator(
        key="people.new",
        section=SECTION_PEOPLE,
        title="Nouvelles personnes",
        definition=(
            "Fiches créées dans la période, par centre de rattachement de la personne. Les "
            "fiches reprises d’un fichier existant (import d’une file active) sont comptées à "
            "part : ce ne sont pas de nouvelles personnes. Les fiches fusionnées en doublon ne "
            "comptent pas."
        ),
        compute=new_people,
        order=150,
        public=True,
    )
)


def _age_sql(scope) -> str:
    age = "date_part('year', age(%(reference_date)s::date, p.birth_date))"
    cases = " ".join(
        f"WHEN {age} >= {band.low}"
        + (f" AND {age} <= {band.high}" if band.high is not None else "")
        + f" THEN '{band.code}'"
        for band in scope.age_bands
    )
    return f"CASE WHEN p.birth_date IS NULL THEN '{UNKNOWN}' {cases} ELSE '{UNKNOWN}' END"


def received_people(scope, dimension: str) -> list[dict]:
    """The people received, in total ("total": with the accompanied ones) and by age, sex,
    neighbourhood, QPV, employment and resources: one query for seven indicators, run once
    per scope (reception.visits reads the totals)."""
    return scope.memo(
        "people.profile",
        lambda: breakdowns(
            scope,
            {
                "age": _age_sql(scope),
                "sex": f"COALESCE(NULLIF(p.sex, ''), '{UNKNOWN}')",
                "neighbourhood": f"COALESCE(nb.name, '{UNKNOWN}')",
                "qpv": f"CASE WHEN nb.id IS NULL THEN '{UNKNOWN}' "
                "WHEN nb.is_qpv THEN 'qpv' ELSE 'other' END",
                "employment": f"COALESCE(NULLIF(p.employment_situation, ''), '{UNKNOWN}')",
            },
            joins=f"LEFT JOIN {NEIGHBOURHOOD} nb ON nb.id = p.neighbourhood_id",
            multi={
                "resource": f"CASE WHEN cardinality(p.resources) = 0 "
                f"THEN ARRAY['{UNKNOWN}']::varchar[] ELSE p.resources END"
            },
        ),
    )[dimension]


def _partition(scope, rows, categories, *, chart=True):
    """A total line, then one "dont" line per category (code, label); they add up."""
    table = scope.table()
    total = table.add(RECEIVED, per_centre(scope, rows, category=None))
    parts = [
        table.add(label, per_centre(scope, rows, category=code), level=1)
        for code, label in categories
    ]
    table.sum_of(total, parts)
    table.chart_rows = parts if chart else []
    return table


def profile_age(scope: ReportScope):
    rows = received_people(scope, "age")
    categories = [(band.code, band.label) for band in scope.age_bands]
    return _partition(scope, rows, [*categories, (UNKNOWN, "Âge non renseigné")])


register_indicator(
    Indicator(
        key="people.age",
        section=SECTION_PROFILE,
        title="Âge",
        definition=PROFILE_DEFINITION
        + "L’âge est calculé au dernier jour de la période (ou à la date du calcul si la "
        "période n’est pas finie) ; les tranches d’âge se choisissent avec la période.",
        compute=profile_age,
        order=400,
        public=True,
    )
)


def profile_sex(scope: ReportScope):
    rows = received_people(scope, "sex")
    return _partition(scope, rows, [*Sex.choices, (UNKNOWN, "Sexe non renseigné")])


register_indicator(
    Indicator(
        key="people.sex",
        section=SECTION_PROFILE,
        title="Sexe",
        definition=PROFILE_DEFINITION + "Sexe tel qu’indiqué sur la fiche.",
        compute=profile_sex,
        order=410,
        public=True,
    )
)


def profile_neighbourhood(scope: ReportScope):
    rows = received_people(scope, "neighbourhood")
    totals = {row["category"]: row["n"] for row in rows if row["centre_id"] is None}
    names = sorted(
        (name for name in totals if name not in (None, UNKNOWN)), key=lambda n: (-totals[n], n)
    )
    categories = [(name, name) for name in names]
    return _partition(scope, rows, [*categories, (UNKNOWN, "Quartier non renseigné")])


register_indicator(
    Indicator(
        key="people.neighbourhood",
        section=SECTION_PROFILE,
        title="Quartier de résidence",
        definition=PROFILE_DEFINITION + "Quartier de la ville indiqué sur la fiche.",
        compute=profile_neighbourhood,
        order=420,
    )
)


def profile_qpv(scope: ReportScope):
    rows = received_people(scope, "qpv")
    table = _partition(
        scope,
        rows,
        [
            ("qpv", "Résident·es d’un quartier prioritaire (QPV)"),
            ("other", "Résident·es d’un autre quartier de la ville"),
            (UNKNOWN, "Quartier non renseigné"),
        ],
    )
    table.add_rate("Part des résident·es d’un QPV (sur les personnes reçues)", 1, 0)
    return table


register_indicator(
    Indicator(
        key="people.qpv",
        section=SECTION_PROFILE,
        title="Résidence en quartier prioritaire (QPV)",
        definition=PROFILE_DEFINITION
        + "Un quartier est prioritaire (QPV) selon la liste officielle de la politique de la "
        "ville, tenue dans la liste des quartiers de Parcours. La part est calculée sur "
        "toutes les personnes reçues, quartier renseigné ou non.",
        compute=profile_qpv,
        order=430,
        public=True,
    )
)


def profile_resources(scope: ReportScope):
    rows = received_people(scope, "resource")
    table = scope.table()
    total = table.add(RECEIVED, per_centre(scope, rows, category=None))
    parts = {
        code: table.add(label, per_centre(scope, rows, category=code), level=1)
        for code, label in [*Resource.choices, (UNKNOWN, "Ressources non renseignées")]
    }
    table.add_rate("Part des bénéficiaires du RSA (sur les personnes reçues)", parts["rsa"], total)
    table.chart_rows = list(parts.values())
    table.note = "Une personne peut avoir plusieurs ressources : les lignes ne s’additionnent pas."
    return table


register_indicator(
    Indicator(
        key="people.resources",
        section=SECTION_PROFILE,
        title="Ressources (dont RSA)",
        definition=PROFILE_DEFINITION
        + "Ressources indiquées dans la situation de la personne ; une personne peut en avoir "
        "plusieurs. La part des bénéficiaires du RSA est calculée sur toutes les personnes "
        "reçues.",
        compute=profile_resources,
        order=440,
    )
)


def profile_employment(scope: ReportScope):
    rows = received_people(scope, "employment")
    return _partition(
        scope, rows, [*EmploymentSituation.choices, (UNKNOWN, "Situation non renseignée")]
    )


register_indicator(
    Indicator(
        key="people.employment",
        section=SECTION_PROFILE,
        title="Situation face à l’emploi",
        definition=PROFILE_DEFINITION + "Situation professionnelle indiquée sur la fiche.",
        compute=profile_employment,
        order=450,
    )
)
