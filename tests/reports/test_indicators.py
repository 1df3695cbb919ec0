"""Each indicator computed by hand on the known year of tests/reports/dataset.py.

Columns: [Grand Air, Espéranto, Ensemble]. Raw values first (what PostgreSQL computed),
then what leaves the team (statistical secrecy) where it matters.
"""

import datetime

import pytest

from organisations.models import Centre
from reports.registry import ReportScope, compute_figures, parse_age_bands, registered_indicators
from tests.reports.dataset import YEAR_END, YEAR_START, known_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return known_year()


def scope(slugs=("grand-air", "esperanto"), bands="0-10, 11-25, 26-59, 60+"):
    centres = Centre.objects.filter(slug__in=slugs).order_by("position")
    return ReportScope(
        centres=tuple((c.pk, c.name) for c in centres),
        start=YEAR_START,
        end=YEAR_END,
        age_bands=parse_age_bands(bands),
    )


def raw(key, scope_=None):
    indicator = next(i for i in registered_indicators() if i.key == key)
    table = indicator.compute(scope_ or scope())
    return {row.label: row.values for row in table.rows}


def test_visits_split_information_and_accompaniment(year):
    rows = raw("reception.visits")
    # GA: P1×2, P2, P3, P4, P6 + 4 anonymous = 10; ESP: P9, P1 + 2 anonymous = 4.
    assert rows["Passages à l’accueil"] == [10, 4, 14]
    # Information: P1×2, P3, P4 (oriented elsewhere), 3 anonymous; ESP all four.
    assert rows["dont passages d’information"] == [7, 4, 11]
    # Accompaniment: P2 (request, handed over), P6 (appointment), the anonymous workshop.
    assert rows["dont passages liés à l’accompagnement insertion"] == [3, 0, 3]
    assert rows["dont passages anonymes (sans fiche)"] == [4, 2, 6]
    assert rows["dont passages de personnes ayant une fiche"] == [6, 2, 8]


def test_people_received_once_informed_or_accompanied(year):
    rows = raw("reception.visits")
    # GA: P1 P2 P3 P4 P6 (visits) + P5 P7 (requests) = 7; ESP: P9 P1 (visits) + P10 = 3.
    # Ensemble: P1 counted once although received in both centres: 9.
    assert rows["Personnes reçues (comptées une fois)"] == [7, 3, 9]
    # Accompanied: GA P1 (request) P2 P5 P6 P7; ESP P10; Ensemble P1 P2 P5 P6 P7 P10.
    assert rows["dont personnes accompagnées"] == [5, 1, 6]
    assert rows["dont personnes informées seulement"] == [2, 2, 3]
    rate = rows["Part des personnes accompagnées (sur les personnes reçues)"]
    assert [round(value, 1) for value in rate] == [71.4, 33.3, 66.7]


def test_new_people_leave_out_imported_files(year):
    rows = raw("people.new")
    # Created in 2025: GA P1 P2 P4 P5 P6 (P3, P8 in 2024; P7 imported); ESP P9 P10.
    assert rows["Nouvelles personnes (fiches créées)"] == [5, 2, 7]
    assert rows["Fiches reprises d’un fichier existant (import)"] == [1, 0, 1]


def test_requests_by_need_family(year):
    rows = raw("reception.needs")
    # Recorded in 2025: GA R1 R2 R3, ESP R4 (R5 was recorded in 2024).
    assert rows["Demandes enregistrées dans la période"] == [3, 1, 4]
    # R1 has the family and one of its sub-themes: it counts once in the family.
    assert rows["Trouver un emploi"] == [2, 0, 2]
    assert rows["Se former"] == [1, 0, 1]
    assert rows["Numérique"] == [0, 1, 1]
    assert rows["Besoin non précisé"] == [1, 0, 1]
    assert "Mobilité" not in rows


def test_requests_recorded_and_started_within_15_and_30_days(year):
    rows = raw("reception.delays")
    assert rows["Demandes enregistrées dans la période"] == [3, 1, 4]
    assert rows["dont demandes urgentes"] == [1, 0, 1]
    # All 2025 requests are more than 30 days old today: all count in the denominators.
    assert rows["Demandes enregistrées depuis au moins 15 jours"] == [3, 1, 4]
    # R1 started after 9 days, R2 after 24, R3 and R4 never.
    assert rows["dont accompagnement démarré dans les 15 jours"] == [1, 0, 1]
    assert rows["dont accompagnement démarré dans les 30 jours"] == [2, 0, 2]
    rate_30 = rows[
        "Part démarrée dans les 30 jours (sur les demandes enregistrées depuis au moins 30 jours)"
    ]
    assert [round(v, 1) for v in rate_30] == [66.7, 0.0, 50.0]
    mean = rows[
        "Délai moyen entre la demande et le début de l’accompagnement, en jours (sur les "
        "accompagnements démarrés)"
    ]
    assert mean[0] == pytest.approx(16.5) and mean[1] is None and mean[2] == pytest.approx(16.5)


def test_within_n_days_counts_only_requests_whose_n_days_have_passed(year):
    """Computed on 20/02/2025: R1 (01/02) has had 15 days but not 30; R2 not recorded yet."""
    base = scope()
    early = ReportScope(
        centres=base.centres,
        start=YEAR_START,
        end=YEAR_END,
        age_bands=base.age_bands,
        as_of=datetime.datetime(2025, 2, 20, 12, tzinfo=datetime.UTC),
    )
    rows = raw("reception.delays", early)
    assert rows["Demandes enregistrées depuis au moins 15 jours"] == [1, 0, 1]
    assert rows["dont accompagnement démarré dans les 15 jours"] == [1, 0, 1]
    assert rows["Demandes enregistrées depuis au moins 30 jours"] == [0, 0, 0]


def test_lifecycle_moves_and_requests_open_at_the_end(year):
    rows = raw("reception.lifecycle")
    assert rows["Demandes transmises à la CIP"] == [2, 1, 3]  # R1 R2 | R4
    assert rows["Accompagnements démarrés"] == [3, 0, 3]  # R1 R2 and R5 (recorded in 2024)
    assert rows["Demandes clôturées"] == [1, 0, 1]  # R3
    assert rows["Demandes rouvertes"] == [0, 0, 0]
    assert rows["Demandes en cours au 31/12/2025"] == [3, 1, 4]
    assert rows["dont « En accompagnement »"] == [3, 0, 3]
    assert rows["dont « En attente d’analyse »"] == [0, 1, 1]
    assert rows["dont « Nouvelle »"] == [0, 0, 0]


def test_handoffs_and_their_taking_over(year):
    rows = raw("reception.handoffs")
    assert rows["Transmissions dans la période"] == [3, 1, 4]
    assert rows["dont transmissions de l’accueil"] == [1, 0, 1]
    assert rows["dont transmissions à un·e collègue nommé·e"] == [1, 0, 1]
    assert rows["Prises en charge à ce jour"] == [2, 0, 2]
    assert rows["En attente de prise en charge"] == [1, 1, 2]


def test_age_bands_at_the_end_of_the_period(year):
    rows = raw("people.age")
    # GA: P2 20, P6 25 | P1 35, P4 40 (born 31/12/1985: 40 that day), P7 26 | P3 65 | P5 ?
    assert rows["11 à 25 ans"] == [2, 0, 2]
    assert rows["26 à 59 ans"] == [3, 3, 5]  # ESP: P9 55, P1 35, P10 30
    assert rows["60 ans et plus"] == [1, 0, 1]
    assert rows["Moins de 11 ans"] == [0, 0, 0]
    assert rows["Âge non renseigné"] == [1, 0, 1]


def test_age_bands_are_configurable(year):
    rows = raw("people.age", scope(bands="0-25, 26-39, 40+"))
    assert rows["Moins de 26 ans"] == [2, 0, 2]
    assert rows["26 à 39 ans"] == [2, 2, 3]  # GA P1 P7; ESP P1 P10; Ensemble P1 P7 P10
    assert rows["40 ans et plus"] == [2, 1, 3]  # GA P3 P4; ESP P9 (55)


def test_sex(year):
    rows = raw("people.sex")
    assert rows["Femme"] == [4, 2, 5]  # GA P1 P2 P5 P7; ESP P9 P1
    assert rows["Homme"] == [2, 1, 3]  # GA P3 P4; ESP P10
    assert rows["Sexe non renseigné"] == [1, 0, 1]  # P6


def test_neighbourhood_and_qpv(year):
    rows = raw("people.qpv")
    # QPV: GA P1 P2 P5 P7 (Bel Air) P6 (Montreau); ESP P9 P1. Ensemble: 6 of 9.
    assert rows["Résident·es d’un quartier prioritaire (QPV)"] == [5, 2, 6]
    assert rows["Résident·es d’un autre quartier de la ville"] == [1, 0, 1]  # P3 (République)
    assert rows["Quartier non renseigné"] == [1, 1, 2]  # P4 | P10
    rate = rows["Part des résident·es d’un QPV (sur les personnes reçues)"]
    assert [round(v, 1) for v in rate] == [71.4, 66.7, 66.7]
    neighbourhoods = raw("people.neighbourhood")
    assert neighbourhoods["Bel Air – Grands Pêchers – Ernest Renan"] == [4, 1, 4]
    assert neighbourhoods["République"] == [1, 0, 1]


def test_resources_and_the_share_of_rsa(year):
    rows = raw("people.resources")
    assert rows["RSA"] == [3, 2, 4]  # GA P1 P2 P5; ESP P9 P1; Ensemble P1 P2 P5 P9
    assert rows["Prime d’activité"] == [1, 0, 1]
    assert rows["ARE (allocation chômage)"] == [0, 1, 1]
    assert rows["Ressources non renseignées"] == [2, 0, 2]  # P4 P7
    rate = rows["Part des bénéficiaires du RSA (sur les personnes reçues)"]
    assert [round(v, 1) for v in rate] == [42.9, 66.7, 44.4]


def test_workload_per_coordinator_and_cip(year):
    rows = raw("reports.workload")
    # [referent today, requests recorded, status moves, hand-offs taken] in 2025.
    assert rows["Coordination – Grand Air"] == [1, 3, 3, 1]
    assert rows["Coordination – Espéranto"] == [0, 1, 1, 0]
    assert rows["CIP – Grand Air, Espéranto"] == [1, 0, 3, 1]
    assert rows["Ensemble de l’équipe"] == [2, 4, 7, 2]


def test_one_centre_has_no_total_column(year):
    rows = raw("reception.visits", scope(("grand-air",)))
    assert rows["Passages à l’accueil"] == [10]


def test_every_indicator_has_a_definition_shown_with_it(year):
    for figure in compute_figures(scope()):
        assert len(figure["definition"]) > 40, figure["key"]


def test_all_figures_cost_a_bounded_number_of_queries(year, django_assert_max_num_queries):
    small, large = scope(), None
    # 14 queries: passages, people received with their whole profile, new people, needs,
    # delays, lifecycle (2), hand-offs, workload; accompaniments, orientations, first
    # appointment, appointments, workshops.
    with django_assert_max_num_queries(14) as few:
        compute_figures(small)
    known_year()  # three times the data
    known_year()
    large = scope()
    with django_assert_max_num_queries(len(few.captured_queries)):
        compute_figures(large)
