"""Exports: the same figure on the page, in the PDF, the XLSX and the CSV; a count of 3 is
"< 5" in each; every export is written to the access log."""

import datetime
import re

import pytest
from django.urls import reverse

from audit.models import AccessLog
from tests.factories import centre
from tests.reports.dataset import known_year
from tests.reports.helpers import (
    csv_rows,
    csv_value,
    figure_row,
    pdf_reader,
    pdf_text,
    xlsx_rows,
    xlsx_value,
)

pytestmark = pytest.mark.django_db
TITLE = "Passages et personnes reçues : information ou accompagnement"
ACCOMPANIMENT = "dont passages liés à l’accompagnement insertion"
QPV_SHARE = "Part des résident·es d’un QPV (sur les personnes reçues)"


def _query():
    return (
        "?start=2025-01-01&end=2025-12-31&ages=0-10%2C+11-25%2C+26-59%2C+60%2B"
        f"&centres={centre('grand-air').pk}"
    )


def _export(client, file_format):
    url = reverse("reports:figures_export", kwargs={"file_format": file_format}) + _query()
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    return response.content


def _flat(text):
    return " ".join(text.split())


@pytest.fixture
def director(client, director_grand_air):
    known_year()
    client.force_login(director_grand_air)
    return director_grand_air


def test_same_figure_on_the_page_the_pdf_the_xlsx_and_the_csv(client, director):
    page = client.get(reverse("reports:figures") + _query()).content.decode()
    assert (
        '<th scope="row">Passages à l’accueil</th>\n            <td class="number">10</td>' in page
    )
    assert "Passages à l’accueil 10 " in _flat(pdf_text(_export(client, "pdf")))
    assert xlsx_value(_export(client, "xlsx"), "Passages à l’accueil") == 10
    assert csv_value(_export(client, "csv"), TITLE, "Passages à l’accueil", "Grand Air") == "10"


def test_a_count_of_3_is_less_than_5_in_every_export(client, director):
    # Grand Air had 3 accompaniment passages in 2025 (tests/reports/dataset.py).
    page = client.get(reverse("reports:figures") + _query()).content.decode()
    assert figure_row(ACCOMPANIMENT, "< 5", sub=True) in page
    assert f"{ACCOMPANIMENT} < 5" in _flat(pdf_text(_export(client, "pdf")))
    assert xlsx_value(_export(client, "xlsx"), ACCOMPANIMENT) == "< 5"
    assert csv_value(_export(client, "csv"), TITLE, ACCOMPANIMENT, "Grand Air") == "< 5"
    # ...and the total's other part, which would give it back by subtraction, is hidden too.
    assert xlsx_value(_export(client, "xlsx"), "dont passages d’information") == "secret"


def test_csv_is_utf8_with_bom_semicolons_and_french_decimals(client, director):
    rows = csv_rows(_export(client, "csv"))
    assert rows[0][:4] == ["Début de la période", "Fin de la période", "Thème", "Indicateur"]
    assert rows[1][0] == "01/01/2025" and rows[1][1] == "31/12/2025"
    rate = csv_value(
        _export(client, "csv"),
        "Résidence en quartier prioritaire (QPV)",
        QPV_SHARE,
        "Grand Air",
    )
    assert rate == "71,4"  # 5 people of 7 live in a QPV


def test_xlsx_has_real_numbers_and_dates(client, director):
    content = _export(client, "xlsx")
    rows = xlsx_rows(content)
    assert rows[2][1] == datetime.datetime(2025, 1, 1)
    assert rows[3][1] == datetime.datetime(2025, 12, 31)
    assert xlsx_value(content, QPV_SHARE) == pytest.approx(5 / 7, abs=0.0005)
    data = xlsx_rows(content, "Données")
    assert data[0][6] == "Valeur"
    assert any(row[4] == "Passages à l’accueil" and row[6] == 10 for row in data[1:])


def test_the_pdf_is_tagged_in_french_with_its_title(client, director):
    reader = pdf_reader(_export(client, "pdf"))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith("Indicateurs du service d’insertion")
    text = _flat(pdf_text(_export(client, "pdf")))
    assert re.search(r"du 1er janvier 2025 au 31 décembre 2025", text)


def test_every_export_is_written_to_the_access_log(client, director):
    for file_format in ("csv", "xlsx", "pdf"):
        _export(client, file_format)
    logs = AccessLog.objects.filter(actor=director, action="export").order_by("at", "pk")
    assert [log.detail[:10] for log in logs] == ["Export CSV", "Export XLS", "Export PDF"]
    assert {log.object_type for log in logs} == {"organisations.centre"}
    assert all("indicateurs du 1er\u00a0janvier 2025" in log.detail for log in logs)


def test_an_unknown_format_is_not_found(client, director):
    url = reverse("reports:figures_export", kwargs={"file_format": "docx"})
    assert client.get(url).status_code == 404


def test_a_bad_period_sends_back_to_the_form(client, director):
    url = reverse("reports:figures_export", kwargs={"file_format": "csv"})
    response = client.get(f"{url}?start=2025-12-31&end=2025-01-01&ages=0-25%2C+26%2B")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reports:figures"))
    assert not AccessLog.objects.filter(action="export").exists()
