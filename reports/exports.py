"""The figures as files: CSV (UTF-8 with BOM, ";", French decimals), XLSX (real numbers and
dates) and the bilan as a tagged PDF (WeasyPrint, PDF/UA-1). All read the same protected
figures (reports.registry.compute_figures, or a final bilan's stored ones): what a file says
is what the page says.
"""

import csv
import datetime
import io

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from reports.charts import chart_data_uri
from reports.secrecy import format_decimal
from reports.tables import MEAN, RATE

UNITS = {RATE: "%", MEAN: "jours"}
CSV_HEADER = [
    "Début de la période",
    "Fin de la période",
    "Thème",
    "Indicateur",
    "Ligne",
    "Colonne",
    "Valeur",
    "Unité",
]


def _flat(figures):
    for figure in figures:
        for row in figure["rows"]:
            for column, cell in zip(figure["columns"], row["cells"], strict=True):
                yield figure, row, column, cell


def figures_csv(figures, meta) -> bytes:
    """One line per figure (tidy data), ready for a spreadsheet set to French."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    start, end = meta["start"].strftime("%d/%m/%Y"), meta["end"].strftime("%d/%m/%Y")
    for figure, row, column, cell in _flat(figures):
        value = cell["value"]
        if value is None:
            text = cell["display"]
        elif row["kind"] == "count":
            text = str(value)
        else:
            text = format_decimal(value).replace("\u202f", "")
        unit = UNITS.get(row["kind"], "personnes ou actes")
        writer.writerow(
            [start, end, figure["section"], figure["title"], row["label"], column, text, unit]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def figures_xlsx(figures, meta) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chiffres"
    bold = Font(bold=True)
    sheet.append([meta["title"]])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([meta["scope_label"]])
    sheet.append(["Début de la période", meta["start"]])
    sheet.append(["Fin de la période", meta["end"]])
    as_of = timezone.localtime(meta["as_of"]).replace(tzinfo=None, microsecond=0)
    sheet.append(["Chiffres calculés le", as_of])
    for cell in (sheet["B3"], sheet["B4"]):
        cell.number_format = "DD/MM/YYYY"
    sheet["B5"].number_format = "DD/MM/YYYY HH:MM"
    sheet.append(["« < 5 » : effectif de 1 à 4 ; « secret » : masqué pour le secret statistique."])
    for figure in figures:
        sheet.append([])
        sheet.append([f"{figure['section']} – {figure['title']}"])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.append([figure["definition"]])
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=False)
        sheet.append(["", *figure["columns"]])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in figure["rows"]:
            values = []
            for cell in row["cells"]:
                value = cell["value"]
                if value is None:
                    values.append(cell["display"])
                elif row["kind"] == RATE:
                    values.append(value / 100)
                else:
                    values.append(value)
            sheet.append([("    " * row["level"]) + row["label"], *values])
            for excel_cell in sheet[sheet.max_row][1:]:
                if row["kind"] == RATE and isinstance(excel_cell.value, float):
                    excel_cell.number_format = "0.0 %"
                elif row["kind"] == MEAN and isinstance(excel_cell.value, float):
                    excel_cell.number_format = "0.0"
        if figure.get("note"):
            sheet.append([figure["note"]])
    sheet.column_dimensions["A"].width = 70
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 18
    data = workbook.create_sheet("Données")
    data.append(CSV_HEADER)
    for figure, row, column, cell in _flat(figures):
        value = cell["value"]
        if value is not None and row["kind"] == RATE:
            value = value / 100
        data.append(
            [
                meta["start"],
                meta["end"],
                figure["section"],
                figure["title"],
                row["label"],
                column,
                value if value is not None else cell["display"],
                UNITS.get(row["kind"], "personnes ou actes"),
            ]
        )
        data.cell(data.max_row, 1).number_format = "DD/MM/YYYY"
        data.cell(data.max_row, 2).number_format = "DD/MM/YYYY"
        if row["kind"] == RATE and value is not None:
            data.cell(data.max_row, 7).number_format = "0.0 %"
    if meta.get("parts"):
        texts = workbook.create_sheet("Textes")
        for title, text in meta["parts"]:
            texts.append([title, text])
            texts.cell(texts.max_row, 1).font = bold
            texts.cell(texts.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        texts.column_dimensions["A"].width = 28
        texts.column_dimensions["B"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_charts(figures) -> list[dict]:
    return [{**figure, "chart": chart_data_uri(figure)} for figure in figures]


def sections(figures) -> list[tuple[str, list[dict]]]:
    """Figures grouped by section, in the registry's order."""
    grouped: dict[str, list[dict]] = {}
    for figure in figures:
        grouped.setdefault(figure["section"], []).append(figure)
    return list(grouped.items())


def bilan_pdf(figures, meta) -> bytes:
    """The document as a tagged PDF (PDF/UA-1): headings, tables and images with their
    alternative text survive for screen readers."""
    from weasyprint import HTML

    html = render_to_string(
        "reports/pdf/document.html",
        {
            "meta": meta,
            "sections": sections(with_charts(figures)),
            "printed_on": datetime.date.today(),
        },
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
