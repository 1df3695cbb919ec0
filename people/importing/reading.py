"""Read an uploaded CSV or XLSX file into a table of raw cells.

The header row is found rather than assumed (centres put a title above it), fully empty
rows are dropped, and every row keeps the line number the spreadsheet program shows, so
that messages can say "ligne 12".
"""

import codecs
import csv
import io
import itertools
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
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
NAME_FIELDS = {"last_name", "first_name", "birth_name", FULL_NAME}

# Limits that keep a hostile or broken file from tying up the server.
MAX_ROWS = 50_000
MAX_COLUMNS = 500
# XLSX: an archive's declared sizes (zipfile never inflates a member beyond them).
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ARCHIVE_MEMBERS = 1_000
# A DTD is where entity expansion attacks live; no spreadsheet program writes one.
XML_PROLOG_BYTES = 64 * 1024

TOO_MANY_ROWS_MESSAGE = (
    f"Le fichier compte plus de {MAX_ROWS:_} lignes : découpez-le en plusieurs fichiers "
    "et importez-les l'un après l'autre."
).replace("_", "\u202f")
TOO_MANY_COLUMNS_MESSAGE = (
    f"Le fichier compte plus de {MAX_COLUMNS} colonnes : ce n'est pas une liste de "
    "personnes. Gardez les colonnes utiles dans un nouveau fichier."
)

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
    # CSV only: lines in Windows-1252 in an otherwise UTF-8 file (decoded line by line).
    mixed_encoding_lines: frozenset[int] = frozenset()
    delimiter: str = ""  # CSV only
    sheet_name: str = ""  # XLSX only


def read_table(data: bytes, filename: str = "", *, preview_rows: int | None = None) -> Table:
    """Read the caseload table of a CSV or XLSX file, or raise ImportFileError.

    preview_rows: stop after this many rows under the header (the mapping screen's sample),
    so that the web request never reads a whole file; the task worker reads it all.
    """
    if not data.strip():
        raise ImportFileError("Le fichier est vide.")
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data, filename, preview_rows)
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(
            "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas pris en charge : "
            "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx ou .csv."
        )
    return _read_csv(data, preview_rows)


def _read_csv(data: bytes, preview_rows: int | None = None) -> Table:
    text, encoding, mixed_lines = _decode(data)
    if "\x00" in text:  # a PDF or an image sent instead of a spreadsheet
        raise ImportFileError(NOT_A_SPREADSHEET_MESSAGE)
    try:
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
        table = _build_table(
            enumerate(records, start=first_line),
            file_format="csv",
            encoding=encoding,
            delimiter=delimiter,
            mixed_encoding_lines=mixed_lines,
            preview_rows=preview_rows,
        )
    except csv.Error as exc:  # a cell of more than 128 KB, a stray NUL: not a caseload
        raise ImportFileError(NOT_A_SPREADSHEET_MESSAGE) from exc
    if table is None:
        raise ImportFileError(NO_HEADER_MESSAGE)
    return table


def _decode(data: bytes) -> tuple[str, str, frozenset[int]]:
    if data.startswith(codecs.BOM_UTF8):
        text, mixed = _decode_lines(data[len(codecs.BOM_UTF8) :])
        return text, "utf-8-sig", mixed
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Texte Unicode" export: UTF-16 with a BOM, tab-separated.
        try:
            return data.decode("utf-16"), "utf-16", frozenset()
        except UnicodeDecodeError as exc:
            raise ImportFileError("Le fichier texte est illisible (UTF-16 abîmé).") from exc
    try:
        return data.decode("utf-8"), "utf-8", frozenset()
    except UnicodeDecodeError:
        pass
    text, mixed = _decode_lines(data)
    if mixed:
        return text, "utf-8", mixed
    return _decode_windows(data), "cp1252", frozenset()


def _decode_windows(data: bytes) -> str:
    try:
        # What Excel for Windows writes when saving "CSV (séparateur : point-virgule)".
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # A few bytes are undefined in Windows-1252; Latin-1 decodes everything.
        return data.decode("latin-1")


def _decode_lines(data: bytes) -> tuple[str, frozenset[int]]:
    """UTF-8 text whose lines not in UTF-8 are read as Windows-1252, and those lines.

    A file pasted together from two sources: decoding it whole as Windows-1252 would turn
    every "é" of the UTF-8 lines into "Ã©". When no line has UTF-8 accents, the file is
    Windows-1252 throughout and no line is reported.
    """
    decoded, windows_lines, utf8_accents = [], [], False
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            text = line.decode("utf-8")
            utf8_accents = utf8_accents or not line.isascii()
        except UnicodeDecodeError:
            text = _decode_windows(line)
            windows_lines.append(number)
        decoded.append(text)
    if not utf8_accents:
        return _decode_windows(data), frozenset()
    return "\n".join(decoded), frozenset(windows_lines)


def _detect_delimiter(lines: Sequence[str]) -> str:
    """The delimiter that splits most sample lines into the same number (>1) of cells."""
    sample = [line for line in lines[:50] if line.strip()]
    best, best_score = ";", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(cells) for cells in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:  # a whole long line read as one cell: not this delimiter
            continue
        widths = [width for width in widths if width > 1]
        if not widths:
            continue
        width, lines_with_width = Counter(widths).most_common(1)[0]
        score = (lines_with_width, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _check_archive(data: bytes, filename: str) -> set[str]:
    """The names of the archive's members, once its sizes and XML prologs are checked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(f"Le classeur « {filename} » est abîmé ou incomplet.") from exc
    too_big = ImportFileError(
        f"Le classeur « {filename} » est anormalement volumineux une fois décompressé : "
        "il n'a pas été ouvert. Enregistrez la liste au format CSV et déposez ce fichier."
    )
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise too_big
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        raise too_big
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise too_big
    try:
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                with archive.open(member) as stream:
                    prolog = stream.read(XML_PROLOG_BYTES).upper()
                if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                    raise ImportFileError(
                        f"Le classeur « {filename} » contient des déclarations XML (DTD) "
                        "qu'aucun tableur n'écrit : il n'a pas été ouvert. Enregistrez-le à "
                        "nouveau depuis votre tableur, ou au format CSV."
                    )
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise ImportFileError(f"Le classeur « {filename} » est abîmé ou incomplet.") from exc
    return {member.filename for member in members}


def _read_xlsx(data: bytes, filename: str, preview_rows: int | None = None) -> Table:
    names = _check_archive(data, filename)
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
        except (*_UNREADABLE_XLSX, InvalidFileException, KeyError) as exc:
            raise ImportFileError(
                f"Le fichier « {filename} » n'est pas un classeur Excel (.xlsx) lisible."
            ) from exc
        try:
            for sheet in workbook.worksheets:
                # Some generators write a wrong sheet size; read every row that is really there.
                sheet.reset_dimensions()
                rows = enumerate(sheet.iter_rows(values_only=True), start=1)
                table = _build_table(
                    rows, file_format="xlsx", sheet_name=sheet.title, preview_rows=preview_rows
                )
                if table is not None:
                    return table
        except _UNREADABLE_XLSX as exc:
            raise ImportFileError(
                f"Le fichier « {filename} » n'est pas un classeur Excel (.xlsx) lisible."
            ) from exc
        finally:
            workbook.close()
    raise ImportFileError(NO_HEADER_MESSAGE)


_UNREADABLE_XLSX = (
    DefusedXmlException,
    ParseError,
    OSError,
    ValueError,
    TypeError,
    zipfile.BadZipFile,
    EOFError,
)


def _trimmed(cells: Sequence[object]) -> tuple[object, ...]:
    """The cells without the trailing empty ones; too wide a row refuses the file."""
    cells = tuple(cells)
    end = len(cells)
    while end and is_blank(cells[end - 1]):
        end -= 1
    if end > MAX_COLUMNS:
        raise ImportFileError(TOO_MANY_COLUMNS_MESSAGE)
    return cells[:end]


def _looks_like_titles(cells: Sequence[object]) -> bool:
    texts = [cell for cell in cells if isinstance(cell, str) and any(c.isalpha() for c in cell)]
    filled = [cell for cell in cells if not is_blank(cell)]
    return len(texts) >= 2 and len(texts) == len(filled)


def _build_table(
    numbered_rows: Iterable[tuple[int, Sequence[object]]],
    preview_rows: int | None = None,
    **source: object,
) -> Table | None:
    """Find the header row among the first rows, then keep the non-empty rows below it."""
    header: tuple[int, tuple[object, ...]] | None = None
    first_with_a_name: tuple[int, tuple[object, ...]] | None = None
    first_with_titles: tuple[int, tuple[object, ...]] | None = None
    candidates: list[tuple[int, tuple[object, ...]]] = []
    rows = iter(numbered_rows)
    for line_number, cells in rows:
        cells = _trimmed(cells)
        if not cells:
            continue
        fields = {header_field(cell) for cell in cells if isinstance(cell, str)} - {None}
        if len(fields) >= 2:
            header = (line_number, cells)
            break
        if first_with_a_name is None and fields & NAME_FIELDS:
            first_with_a_name = (line_number, cells)
        if first_with_titles is None and _looks_like_titles(cells):
            first_with_titles = (line_number, cells)
        candidates.append((line_number, cells))
        if len(candidates) >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        # A one-column list of names: its "Nom" title is the only known header. Else the
        # first row of titles: the worker maps its columns on the mapping screen.
        header = first_with_a_name or first_with_titles
        if header is None:
            return None
        rows = itertools.chain([row for row in candidates if row[0] > header[0]], rows)

    header_line, header_cells = header
    headers = tuple(clean_text(cell) for cell in header_cells)
    table_rows = []
    for line_number, cells in rows:
        cells = _trimmed(cells)
        if not cells:
            continue
        if len(table_rows) == preview_rows:
            break
        if len(table_rows) >= MAX_ROWS:
            raise ImportFileError(TOO_MANY_ROWS_MESSAGE)
        # Sheets stitched together month after month repeat their header row.
        if tuple(clean_text(cell) for cell in cells) == headers:
            continue
        table_rows.append(TableRow(line_number, cells))
    return Table(headers, tuple(table_rows), header_line, **source)
