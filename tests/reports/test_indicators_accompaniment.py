"""The accompaniment's and the orientations' figures, computed by hand on a known year.

Scope: Grand Air and Espéranto in 2025, columns [Grand Air, Espéranto, Ensemble]; Lounès
Matoub is outside the scope and its rows never count.

Accompaniments (start → end, exit reason):
  GA A1 individual 01/06/2024 → open
  GA A2 individual 01/02/2025 → 01/08/2025 CDI                 (181 days)
  GA A3 collective 01/03/2025 → 31/03/2025 qualifying training (30 days)
  GA A4 collective 01/05/2025 → open, paused on 01/06/2025
  GA A5 individual 01/01/2024 → 31/01/2025 moved               (396 days)
  GA A6 individual 01/10/2025 → 15/01/2026 no news             (open on 31/12/2025)
  ESP A7 collective 01/04/2025 → 30/06/2025 CDD < 6 months      (90 days)
  ESP A8 individual 01/01/2023 → 31/12/2024 other               (before the period)
  LM A9 individual 01/02/2025 → 01/05/2025 CDI                  (outside the scope)
"""

import datetime

import pytest

from accompaniment.choices import (
    AccompanimentStatus,
    ExitReason,
    Mode,
    OrientationStatus,
    StepKind,
)
from accompaniment.models import Step
from reports.registry import compute_figures, registered_indicators
from tests.accompaniment.factories import AccompanimentFactory, OrientationFactory, load_services
from tests.factories import centre
from tests.people.factories import PersonFactory
from tests.reports.dataset import at
from tests.reports.test_indicators import raw, scope

pytestmark = pytest.mark.django_db


def table(key, scope_=None):
    """The raw table, when labels repeat (the "dont" lines of each mode)."""
    indicator = next(i for i in registered_indicators() if i.key == key)
    return indicator.compute(scope_ or scope())


D = datetime.date
IND, COLL = Mode.INDIVIDUAL, Mode.COLLECTIVE


def _accompaniment(slug, mode, start, end=None, reason="", *, status=None):
    status = status or (AccompanimentStatus.CLOSED if end else AccompanimentStatus.ACTIVE)
    return AccompanimentFactory(
        person=PersonFactory(centre=centre(slug)),
        mode=mode,
        start_date=start,
        end_date=end,
        exit_reason=reason,
        status=status,
    )


@pytest.fixture
def accompaniments():
    ga, esp = "grand-air", "esperanto"
    a = {
        1: _accompaniment(ga, IND, D(2024, 6, 1)),
        2: _accompaniment(ga, IND, D(2025, 2, 1), D(2025, 8, 1), ExitReason.PERMANENT_JOB),
        3: _accompaniment(ga, COLL, D(2025, 3, 1), D(2025, 3, 31), ExitReason.TRAINING),
        4: _accompaniment(ga, COLL, D(2025, 5, 1), status=AccompanimentStatus.PAUSED),
        5: _accompaniment(ga, IND, D(2024, 1, 1), D(2025, 1, 31), ExitReason.MOVED),
        6: _accompaniment(ga, IND, D(2025, 10, 1), D(2026, 1, 15), ExitReason.NO_NEWS),
        7: _accompaniment(esp, COLL, D(2025, 4, 1), D(2025, 6, 30), ExitReason.FIXED_TERM_SHORT),
        8: _accompaniment(esp, IND, D(2023, 1, 1), D(2024, 12, 31), ExitReason.OTHER),
        9: _accompaniment(
            "lounes-matoub", IND, D(2025, 2, 1), D(2025, 5, 1), ExitReason.PERMANENT_JOB
        ),
    }
    Step.objects.create(accompaniment=a[4], kind=StepKind.PAUSED, on=D(2025, 6, 1))
    Step.objects.create(accompaniment=a[1], kind=StepKind.PAUSED, on=D(2024, 9, 1))  # 2024
    return a


def test_accompaniments_started_ended_and_open_by_mode(accompaniments):
    rows = raw("accompaniment.activity")
    # Started in 2025: GA A2 A6 (individual), A3 A4 (collective); ESP A7 (collective).
    assert rows["Accompagnements démarrés dans la période"] == [4, 1, 5]
    started_ind, started_coll, ended_ind, ended_coll, open_ind, open_coll = (
        row.values for row in table("accompaniment.activity").rows if row.level == 1
    )
    assert started_ind == [2, 0, 2]
    assert started_coll == [2, 1, 3]
    # Ended in 2025: GA A2 A5 (individual), A3 (collective); ESP A7. A6 ends in 2026.
    assert rows["Accompagnements terminés dans la période"] == [3, 1, 4]
    assert ended_ind == [2, 0, 2]
    assert ended_coll == [1, 1, 2]
    # Open on 31/12/2025: GA A1 A6 (individual), A4 (paused, collective).
    assert rows["Accompagnements en cours au 31/12/2025 (pauses comprises)"] == [3, 0, 3]
    assert open_ind == [2, 0, 2]
    assert open_coll == [1, 0, 1]
    # A4 paused in June 2025; A1's pause was in 2024.
    assert rows["Accompagnements mis en pause au moins une fois dans la période"] == [1, 0, 1]


def test_mode_lines_are_labelled_by_the_model_choices(accompaniments):
    rows = raw("accompaniment.activity")
    assert "dont accompagnement individuel" in rows
    assert "dont accompagnement collectif" in rows


def test_exits_by_reason_positive_share_and_mean_length(accompaniments):
    rows = raw("accompaniment.exits")
    assert rows["Sorties dans la période (accompagnements terminés)"] == [3, 1, 4]
    assert rows["Emploi durable : CDI"] == [1, 0, 1]  # A2 (A9 is outside the scope)
    assert rows["Formation qualifiante"] == [1, 0, 1]  # A3
    assert rows["Déménagement"] == [1, 0, 1]  # A5
    assert rows["Emploi de transition : CDD < 6 mois"] == [0, 1, 1]  # A7
    assert rows["Sans nouvelles depuis 3 mois"] == [0, 0, 0]  # A6 ends in 2026
    assert rows["Autre (préciser)"] == [0, 0, 0]  # A8 ended in 2024
    positive = rows[
        "Sorties positives (emploi durable ou de transition, formation qualifiante, "
        "création d’entreprise)"
    ]
    assert positive == [2, 1, 3]  # GA A2 A3; ESP A7
    rate = rows["Part des sorties positives (sur les sorties de la période)"]
    assert [round(value, 1) for value in rate] == [66.7, 100.0, 75.0]
    mean = rows["Durée moyenne des accompagnements terminés dans la période, en jours"]
    # GA (181 + 30 + 396) / 3; ESP 90; Ensemble (181 + 30 + 396 + 90) / 4.
    assert mean == [pytest.approx(607 / 3), pytest.approx(90.0), pytest.approx(697 / 4)]


def test_accompaniment_figures_cost_two_queries(accompaniments, django_assert_num_queries):
    year = scope()
    indicators = [i for i in registered_indicators() if i.key.startswith("accompaniment.")]
    with django_assert_num_queries(2):  # the accompaniments once, the orientations once
        for indicator in indicators:
            indicator.compute(year)


# --- Orientations ---------------------------------------------------------------------------

SENT = "Orientations envoyées dans la période"


@pytest.fixture
def orientations(accompaniments):
    services = load_services()
    ml, ft = services["mission-locale"], services["france-travail"]
    a = accompaniments

    def orientation(acc, service, status, sent):
        return OrientationFactory(accompaniment=a[acc], service=service, status=status,
                                  sent_at=sent)  # fmt: skip

    s = OrientationStatus
    orientation(2, ml, s.ACCEPTED, at(2025, 3, 1))
    orientation(2, ml, s.DONE, at(2025, 4, 1))
    orientation(4, ft, s.REFUSED, at(2025, 6, 1))
    orientation(1, ml, s.SENT, at(2025, 12, 20))
    orientation(1, ft, s.CANCELLED, at(2025, 7, 1))  # cancelled after sending: counts
    orientation(7, ft, s.EXPIRED, at(2025, 4, 10))
    orientation(7, ml, s.NO_FOLLOW_UP, at(2025, 5, 1))
    orientation(1, ml, s.PROPOSED, None)  # never sent
    orientation(1, ml, s.CANCELLED, None)  # cancelled before sending
    orientation(5, ft, s.ACCEPTED, at(2024, 12, 15))  # sent in 2024
    orientation(9, ml, s.ACCEPTED, at(2025, 3, 1))  # Lounès Matoub: outside the scope


def test_orientations_by_outcome_and_acceptance_rate(orientations):
    rows = raw("accompaniment.orientations")
    assert rows[SENT] == [5, 2, 7]  # GA 2 ML accepted/done, FT refused, ML sent, FT cancelled
    assert rows["dont acceptées par le partenaire"] == [2, 1, 3]  # accepted, done | no follow-up
    assert rows["dont refusées par le partenaire"] == [1, 0, 1]
    assert rows["dont expirées (sans réponse en 30 jours)"] == [0, 1, 1]
    assert rows["dont annulées par le centre"] == [1, 0, 1]
    assert rows["dont en attente de réponse"] == [1, 0, 1]
    answered = rows["Orientations ayant reçu une réponse du partenaire (acceptées ou refusées)"]
    assert answered == [3, 1, 4]
    rate = rows["Part des orientations acceptées (sur les orientations ayant reçu une réponse)"]
    assert [round(value, 1) for value in rate] == [66.7, 100.0, 75.0]
    assert rows["Acceptées : la personne a bénéficié du service"] == [1, 0, 1]
    assert rows["Acceptées : sans suite"] == [0, 1, 1]
    assert rows["Acceptées : suite pas encore indiquée"] == [1, 0, 1]


def test_orientations_by_partner_most_solicited_first(orientations):
    rows = raw("accompaniment.orientations_by_partner")
    assert list(rows) == [SENT, "Mission locale", "France Travail"]
    assert rows[SENT] == [5, 2, 7]
    assert rows["Mission locale"] == [3, 1, 4]
    assert rows["France Travail"] == [2, 1, 3]


def test_no_orientation_gives_zeros_not_an_error(accompaniments):
    rows = raw("accompaniment.orientations")
    assert rows[SENT] == [0, 0, 0]
    assert rows[
        "Part des orientations acceptées (sur les orientations ayant reçu une réponse)"
    ] == [None, None, None]
    assert list(raw("accompaniment.orientations_by_partner")) == [SENT]


def test_cost_does_not_grow_with_the_data(orientations, django_assert_num_queries):
    def accompaniment_queries():
        year = scope()
        with django_assert_num_queries(2):
            for indicator in ("accompaniment.activity", "accompaniment.exits",
                              "accompaniment.orientations",
                              "accompaniment.orientations_by_partner"):  # fmt: skip
                raw(indicator, year)

    accompaniment_queries()
    for slug in ("grand-air", "esperanto"):
        for _ in range(5):
            acc = _accompaniment(slug, IND, D(2025, 6, 1), D(2025, 9, 1), ExitReason.BUSINESS)
            OrientationFactory(accompaniment=acc, status=OrientationStatus.REFUSED,
                               sent_at=at(2025, 7, 1))  # fmt: skip
    accompaniment_queries()
    assert compute_figures(scope())  # the whole page still computes
