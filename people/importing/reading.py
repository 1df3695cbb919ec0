"""Read an uploaded CSV or XLSX file into a table of raw cells.

The header row is found rather than assumed (centres put a title above it), fully empty
rows are dropped, and every row keeps the line number the spreadsheet program shows, so
that messages can say "ligne 12".
"""

import codecs
import csv
import io
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from people.importing.errors import ImportFileError
from people.importing.headers import FULL_NAME, header_field
from people.importing.text import clean_text, is_blank

ZIP_MAGIC = b"PK\x03\x04"
# Compound document: the .xls format of Excel 97-2003.
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = (";", ",", "\t")
# How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 30
NAME_FIELDS = {"last_name", "first_name", FULL_NAME}

NO_HEADER_MESSAGE = (
    f"Aucune ligne de titres de colonnes reconnue dans les {HEADER_SEARCH_ROWS} premières "
    "lignes du fichier. La ligne d'en-tête doit nommer les colonnes, par exemple « Nom », "
    "« Prénom », « Date de naissance »."
)
NOT_A_SPREADSHEET_MESSAGE = (
    "Ce fichier n'est ni un tableau CSV ni un classeur Excel (.xlsx) : enregistrez la liste "
    "depuis votre tableur dans l'un de ces formats."
)


@dataclass(frozen=True)
class TableRow:
    # 1-based row number as the spreadsheet program shows it (a CSV record, an Excel row).
    line_number: int
    cells: tuple[object, ...]

    def pick(self, mapping: Mapping[str, int]) -> dict[str, object]:
        """The raw values of this row keyed by field, for a mapping from map_headers()."""
        return {
            field: self.cells[index] if index < len(self.cells) else None
            for field, index in mapping.items()
        }


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    header_line: int
    file_format: str  # "csv" or "xlsx"
    encoding: str = ""  # CSV only
    delimiter: str = ""  # CSV only
    sheet_name: str = ""  # XLSX only


def read_table(data: bytes, filename: str = "") -> Table:
    """Read the caseload table of a CSV or XLSX file, or raise ImportFileError."""
    if not data.strip():
        raise ImportFileError("Le fichier est vide.")
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data, filename)
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(
            "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas pris en charge : "
            "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou .csv."
        )
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    if "\x00" in text:  # a PDF or an image sent instead of a spreadsheet
        raise ImportFileError(NOT_A_SPREADSHEET_MESSAGE)
    lines = text.splitlines()
    first_line = 1
    # Excel writes "sep=;" on the first line of some exports to announce the delimiter.
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        delimiter = lines[0].strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        first_line = 2
    else:
        delimiter = _detect_delimiter(lines)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = _build_table(
            enumerate(records, start=first_line),
            file_format="csv",
            encoding=encoding,
            delimiter=delimiter,
        )
    except csv.Error as exc:  # a cell of more than 128 KB: not a caseload
        raise ImportFileError(NOT_A_SPREADSHEET_MESSAGE) from exc
    if table is None:
        raise ImportFileError(NO_HEADER_MESSAGE)
    return table


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Texte Unicode" export: UTF-16 with a BOM, tab-separated.
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError("Le fichier texte est illisible (UTF-16 abîmé).") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # What Excel for Windows writes when saving "CSV (séparateur : point-virgule)".
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # A few bytes are undefined in Windows-1252; Latin-1 decodes everything.
        return data.decode("latin-1"), "latin-1"


def _detect_delimiter(lines: Sequence[str]) -> str:
    """The delimiter that splits most sample lines into the same number (>1) of cells."""
    sample = [line for line in lines[:50] if line.strip()]
    best, best_score = ";", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(cells) for cells in csv.reader(sample, delimiter=delimiter)]
        widths = [width for width in widths if width > 1]
        if not widths:
            continue
        width, lines_with_width = Counter(widths).most_common(1)[0]
        score = (lines_with_width, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_xlsx(data: bytes, filename: str) -> Table:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"Le classeur « {filename} » est abîmé ou incomplet.") from exc
    if "content.xml" in names and "mimetype" in names:
        raise ImportFileError(
            "Ce fichier est un classeur LibreOffice (.ods), qui n'est pas pris en charge : "
            "enregistrez-le au format .xlsx ou .csv."
        )
    # openpyxl warns about styles, data validation and other parts we do not read.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (InvalidFileException, KeyError, OSError, ValueError, zipfile.BadZipFile) as exc:
            raise ImportFileError(
                f"Le fichier « {filename} » n'est pas un classeur Excel (.xlsx) lisible."
            ) from exc
        try:
            for sheet in workbook.worksheets:
                # Some generators write a wrong sheet size; read every row that is really there.
                sheet.reset_dimensions()
                rows = enumerate(sheet.iter_rows(values_only=True), start=1)
                table = _build_table(rows, file_format="xlsx", sheet_name=sheet.title)
                if table is not None:
                    return table
        finally:
            workbook.close()
    raise ImportFileError(NO_HEADER_MESSAGE)


def _build_table(
    numbered_rows: Iterable[tuple[int, Sequence[object]]], **source: str
) -> Table | None:
    """Find the header row among the first rows, then keep the non-empty rows below it."""
    header: tuple[int, tuple[object, ...]] | None = None
    first_with_a_name: tuple[int, tuple[object, ...]] | None = None
    candidates: list[tuple[int, tuple[object, ...]]] = []
    rows = iter(numbered_rows)
    for line_number, cells in rows:
        cells = tuple(cells)
        if all(is_blank(cell) for cell in cells):
            continue
        fields = {header_field(cell) for cell in cells if isinstance(cell, str)} - {None}
        if len(fields) >= 2:
            header = (line_number, cells)
            break
        if first_with_a_name is None and fields & NAME_FIELDS:
            first_with_a_name = (line_number, cells)
        candidates.append((line_number, cells))
        if len(candidates) >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        # A one-column list of names: its "Nom" title is the only known header.
        if first_with_a_name is None:
            return None
        header = first_with_a_name
        rows = iter([row for row in candidates if row[0] > header[0]] + list(rows))

    header_line, header_cells = header
    headers = tuple(clean_text(cell) for cell in header_cells)
    table_rows = []
    for line_number, cells in rows:
        cells = tuple(cells)
        if all(is_blank(cell) for cell in cells):
            continue
        # Sheets stitched together month after month repeat their header row.
        if tuple(clean_text(cell) for cell in cells) == headers:
            continue
        table_rows.append(TableRow(line_number, cells))
    return Table(headers, tuple(table_rows), header_line, **source)
