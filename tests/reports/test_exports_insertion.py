"""An accompaniment figure reads the same on the bilan page, in its PDF, its XLSX and its CSV;
a count of 3 is "< 5" everywhere outside the team (director and steering scopes).

Grand Air in 2025: 7 individual accompaniments started, 3 of them ended (CDI), 4 open on
31/12/2025; Espéranto: 1 started, open.
"""

import datetime

import pytest
from django.urls import reverse

from accompaniment.choices import AccompanimentStatus, ExitReason, Mode
from tests.accompaniment.factories import AccompanimentFactory
from tests.factories import centre
from tests.people.factories import PersonFactory
from tests.reports.factories import draft_bilan
from tests.reports.helpers import csv_value, figure_row, pdf_text, xlsx_value

pytestmark = pytest.mark.django_db
TITLE = "Accompagnements démarrés, terminés et en cours, par mode"
STARTED = "Accompagnements démarrés dans la période"
ENDED = "Accompagnements terminés dans la période"
OPEN = "Accompagnements en cours au 31/12/2025 (pauses comprises)"


@pytest.fixture(autouse=True)
def accompaniments():
    for day in range(1, 8):
        ended = day <= 3
        AccompanimentFactory(
            person=PersonFactory(centre=centre("grand-air")),
            mode=Mode.INDIVIDUAL,
            start_date=datetime.date(2025, 2, day),
            end_date=datetime.date(2025, 9, day) if ended else None,
            exit_reason=ExitReason.PERMANENT_JOB if ended else "",
            status=AccompanimentStatus.CLOSED if ended else AccompanimentStatus.ACTIVE,
        )
    AccompanimentFactory(
        person=PersonFactory(centre=centre("esperanto")), start_date=datetime.date(2025, 5, 5)
    )


def _flat(text):
    return " ".join(text.split())


def _bilan_export(client, bilan, file_format):
    url = reverse("reports:bilan_export", kwargs={"pk": bilan.pk, "file_format": file_format})
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_same_accompaniment_figure_on_the_bilan_page_pdf_xlsx_csv(client, director_grand_air):
    bilan = draft_bilan()
    client.force_login(director_grand_air)
    page = client.get(reverse("reports:bilan_detail", kwargs={"pk": bilan.pk})).content.decode()
    assert figure_row(STARTED, "7") in page
    assert f"{STARTED} 7 " in _flat(pdf_text(_bilan_export(client, bilan, "pdf")))
    assert xlsx_value(_bilan_export(client, bilan, "xlsx"), STARTED) == 7
    assert csv_value(_bilan_export(client, bilan, "csv"), TITLE, STARTED, "Grand Air") == "7"


def test_a_count_of_3_is_less_than_5_for_the_director(client, director_grand_air):
    bilan = draft_bilan()
    client.force_login(director_grand_air)
    page = client.get(reverse("reports:bilan_detail", kwargs={"pk": bilan.pk})).content.decode()
    assert figure_row(ENDED, "< 5") in page
    assert f"{ENDED} < 5" in _flat(pdf_text(_bilan_export(client, bilan, "pdf")))
    xlsx = _bilan_export(client, bilan, "xlsx")
    assert xlsx_value(xlsx, ENDED) == "< 5"
    assert xlsx_value(xlsx, OPEN) == "< 5"  # 4 open
    assert csv_value(_bilan_export(client, bilan, "csv"), TITLE, ENDED, "Grand Air") == "< 5"
    # Their share of positive exits (3 of 3) would give them away: hidden with them.
    assert xlsx_value(xlsx, "Part des sorties positives (sur les sorties de la période)") == (
        "secret"
    )


def test_a_count_of_3_is_less_than_5_for_the_steering_committee(client, steering):
    client.force_login(steering)
    ids = "".join(
        f"&centres={centre(slug).pk}" for slug in ("grand-air", "esperanto", "lounes-matoub")
    )
    query = f"?start=2025-01-01&end=2025-12-31&ages=0-25%2C+26%2B{ids}"
    response = client.get(reverse("reports:figures_export", kwargs={"file_format": "xlsx"}) + query)
    assert response.status_code == 200
    xlsx = response.content
    # Columns: Grand Air, Espéranto, Lounès Matoub, Ensemble.
    assert xlsx_value(xlsx, ENDED, 1) == "< 5"  # Grand Air: 3
    assert xlsx_value(xlsx, STARTED, 2) == "< 5"  # Espéranto: 1
    assert xlsx_value(xlsx, STARTED, 4) == 8
    # Grand Air's 7 would give Espéranto's 1 back from the "Ensemble" (8 − 7): hidden.
    assert xlsx_value(xlsx, STARTED, 1) == "secret"
    assert xlsx_value(xlsx, STARTED, 3) == 0  # Lounès Matoub
