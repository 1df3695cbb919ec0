"""Reading back what the reports send: PDF text (pypdf), XLSX cells (openpyxl), CSV rows."""

import csv
import io

from openpyxl import load_workbook
from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def xlsx_rows(content: bytes, sheet: str = "Chiffres") -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content))
    return list(workbook[sheet].iter_rows(values_only=True))


def xlsx_value(content: bytes, label: str, column: int = 1):
    """The value of the first row of sheet "Chiffres" labelled `label` (indentation
    ignored), in the `column`-th figure column."""
    for row in xlsx_rows(content):
        if row and isinstance(row[0], str) and row[0].strip() == label:
            return row[column]
    raise AssertionError(f"No row {label!r} in the XLSX")


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "CSV without BOM"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def csv_value(content: bytes, indicator_title: str, label: str, column: str) -> str:
    for row in csv_rows(content)[1:]:
        if row[3] == indicator_title and row[4] == label and row[5] == column:
            return row[6]
    raise AssertionError(f"No line {label!r} / {column!r} in the CSV")


def figure_row(label: str, *displays: str, sub: bool = False) -> str:
    """A row of a figure table as rendered (reports/includes/figure.html), HTML-escaped."""
    from django.utils.html import escape

    css = ' class="figure__sub"' if sub else ""
    cells = "".join(f'<td class="number">{escape(display)}</td>' for display in displays)
    return f'<th scope="row"{css}>{escape(label)}</th>\n            {cells}'
