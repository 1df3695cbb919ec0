"""Turn a caseload spreadsheet into cleaned rows, each with the problems a worker must see.

    parsed = parse_file(data, "inscrits.xlsx")
    for row in parsed.rows:
        row.line_number, row.is_importable, [problem.message for problem in row.problems]

No database here: matching against the people already known is the importer's job, with
normalise_name() as the shared comparison key.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from people.importing.errors import ImportFileError
from people.importing.headers import (
    FIELD_LABELS,
    FIELDS,
    FULL_NAME,
    map_headers,
    mapping_from_targets,
    suggest_targets,
)
from people.importing.reading import Table, TableRow, read_table
from people.importing.text import clean_text, normalise_label, normalise_name
from people.importing.values import (
    NIR_MESSAGE,
    clean_name,
    contains_nir,
    parse_date,
    parse_email,
    parse_phone,
    parse_postal_code,
    parse_sex,
    split_address,
    split_full_name,
)

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "CleanRow",
    "DuplicateGroup",
    "ImportFileError",
    "ParsedFile",
    "Problem",
    "Severity",
    "Table",
    "TableRow",
    "clean_row",
    "find_duplicates_in_file",
    "map_headers",
    "normalise_name",
    "parse_file",
    "read_table",
]

# "error": the row cannot be imported as it is. "warning": the row is imported, without
# the faulty value (or as it is, for a possible duplicate), and the worker is told.
Severity = Literal["error", "warning"]

# What people type in a cell to say "nothing": treated as an empty cell.
# Punctuation alone ("-", "?", "/") normalises to "".
_MEANS_NOTHING = {"", "x", "nc", "n c", "neant", "inconnu", "inconnue", "aucun", "aucune"}

# The lengths the database enforces (people.models.Person): checked in the dry run so that
# the import never fails half-way on a value that does not fit.
MAX_LENGTHS = {
    "file_reference": 40,
    "last_name": 100,
    "birth_name": 100,
    "first_name": 100,
    "email": 254,
    "address": 200,
    "city": 80,
}
# Any cell, notes included: a longer cell is not something a worker typed about a person.
MAX_CELL_CHARACTERS = 5_000
# Older than this is possible but worth a second look.
UNUSUAL_AGE = 100


@dataclass(frozen=True)
class Problem:
    field: str  # a canonical field name, or "" for the whole row
    message: str  # French, for the social worker
    severity: Severity


@dataclass
class CleanRow:
    line_number: int = 0
    file_reference: str = ""
    last_name: str = ""
    birth_name: str = ""
    first_name: str = ""
    sex: str = ""  # "F", "M" or ""
    birth_date: date | None = None
    phone: str = ""  # E.164, for storage
    phone_display: str = ""  # "06 12 34 56 78"
    email: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    neighbourhood: str = ""
    first_visit_date: date | None = None
    referred_by: str = ""
    request: str = ""
    situation: str = ""
    resources: str = ""
    notes: str = ""
    # Columns the worker chose to keep in the note: (column title, cell).
    extra_notes: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_importable(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]

    def add_problem(self, field_name: str, message: str, severity: Severity) -> None:
        self.problems.append(Problem(field_name, message, severity))


def clean_row(
    raw: Mapping[str, object], *, line_number: int = 0, today: date | None = None
) -> CleanRow:
    """Clean the raw cells of one row, keyed by canonical field name (see TableRow.pick)."""
    today = today or date.today()
    raw = {name: None if _means_nothing(value) else value for name, value in raw.items()}
    row = CleanRow(line_number=line_number)

    for name in ("file_reference", "address", "city", "neighbourhood", "referred_by"):
        setattr(row, name, clean_text(raw.get(name)))
    for name in ("request", "situation", "resources", "notes"):
        setattr(row, name, clean_text(raw.get(name), multiline=True))

    _check_cell_lengths(row, raw)
    _clean_names(row, raw)
    _clean_dates(row, raw, today)

    phone, message = parse_phone(raw.get("phone"))
    if phone:
        row.phone, row.phone_display = phone.e164, phone.display
        if not message and not phone.french:
            message = f"Numéro de téléphone d’un autre pays : {phone.display}, à vérifier"
    if message:
        row.add_problem("phone", message, "warning")
    row.email, message = parse_email(raw.get("email"))
    if message:
        row.add_problem("email", message, "warning")
    row.sex, message = parse_sex(raw.get("sex"))
    if message:
        row.add_problem("sex", message, "warning")
    row.postal_code, message = parse_postal_code(raw.get("postal_code"))
    if message:
        row.add_problem("postal_code", message, "warning")
    if not row.postal_code and not row.city:
        # Only when the file gives neither: "54 rue du Bel Air 93100 Montreuil".
        row.address, row.postal_code, row.city = split_address(row.address)
    _check_lengths(row)
    _check_nir(row)
    return row


# Text that lands on the file or in a note, where a social-security number must never go.
_FREE_TEXT_FIELDS = ("address", "referred_by", "request", "situation", "resources", "notes")


def _check_nir(row: CleanRow) -> None:
    for name in _FREE_TEXT_FIELDS:
        if contains_nir(getattr(row, name)):
            row.add_problem(name, NIR_MESSAGE.format(label=FIELD_LABELS[name]), "error")


def _check_cell_lengths(row: CleanRow, raw: Mapping[str, object]) -> None:
    for name, value in raw.items():
        if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
            label = FIELD_LABELS.get(name, name)
            row.add_problem(
                name,
                f"Cellule « {label} » trop longue ({len(value)} caractères, "
                f"{MAX_CELL_CHARACTERS} au plus)",
                "error",
            )


def _check_lengths(row: CleanRow) -> None:
    for name, limit in MAX_LENGTHS.items():
        value = getattr(row, name)
        if len(value) > limit:
            row.add_problem(
                name,
                f"{FIELD_LABELS[name]} trop long ({len(value)} caractères, {limit} au plus)",
                "error",
            )


def _means_nothing(value: object) -> bool:
    # The length test spares normalising every cell of a large file.
    return isinstance(value, str) and len(value) <= 12 and normalise_label(value) in _MEANS_NOTHING


def _clean_names(row: CleanRow, raw: Mapping[str, object]) -> None:
    row.last_name = clean_name(raw.get("last_name"))
    row.birth_name = clean_name(raw.get("birth_name"))
    row.first_name = clean_name(raw.get("first_name"))
    if not (row.last_name or row.first_name) and raw.get(FULL_NAME) is not None:
        row.last_name, row.first_name, message = split_full_name(raw[FULL_NAME])
        if message:
            row.add_problem(FULL_NAME, message, "warning")
    if not row.last_name and row.birth_name:
        # Only a birth name: it is the name the person is known by.
        row.last_name = row.birth_name
    if row.birth_name == row.last_name:
        row.birth_name = ""
    has_first_name = "first_name" in raw or FULL_NAME in raw
    if not row.last_name and not row.first_name:
        row.add_problem("last_name", "Nom et prénom manquants", "error")
    elif not row.last_name:
        # Without a last name, namesakes cannot be told apart nor the file found again.
        row.add_problem("last_name", "Nom manquant", "error")
    elif not row.first_name and has_first_name:
        row.add_problem("first_name", "Prénom manquant", "warning")


def _clean_dates(row: CleanRow, raw: Mapping[str, object], today: date) -> None:
    # A wrong birth date blocks the row: it is what tells two namesakes apart.
    birth_date, message = parse_date(raw.get("birth_date"), "Date de naissance", today=today)
    shown = clean_text(raw.get("birth_date"))
    if message:
        row.add_problem("birth_date", message, "error")
    elif birth_date and birth_date > today:
        row.add_problem("birth_date", f"Date de naissance dans le futur : {shown}", "error")
    elif birth_date and birth_date.year < 1900:
        row.add_problem("birth_date", f"Date de naissance antérieure à 1900 : {shown}", "error")
    else:
        row.birth_date = birth_date
        age = _age(birth_date, today) if birth_date else 0
        if age > UNUSUAL_AGE:
            message = f"Date de naissance inhabituelle ({age} ans) : {shown}, à vérifier"
            row.add_problem("birth_date", message, "warning")

    # A wrong first-visit date is only dropped: the person is still imported.
    label = "Date de premier accueil"
    first_visit, message = parse_date(raw.get("first_visit_date"), label, today=today)
    shown = clean_text(raw.get("first_visit_date"))
    if message:
        row.add_problem("first_visit_date", message, "warning")
    elif first_visit and first_visit > today:
        row.add_problem("first_visit_date", f"{label} dans le futur : {shown}", "warning")
    elif first_visit and row.birth_date and first_visit < row.birth_date:
        message = f"{label} antérieure à la naissance : {shown}"
        row.add_problem("first_visit_date", message, "warning")
    elif first_visit and first_visit.year < 1900:
        row.add_problem("first_visit_date", f"{label} antérieure à 1900 : {shown}", "warning")
    else:
        row.first_visit_date = first_visit


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# ---- Duplicates within the file -------------------------------------------------------

SAME_BIRTH_DATE = "même nom, prénom et date de naissance"
SAME_PHONE = "même nom, prénom et téléphone"


@dataclass(frozen=True)
class DuplicateGroup:
    """Rows of one file that are the same person; the first line is the one to keep."""

    line_numbers: tuple[int, ...]
    reasons: tuple[str, ...]

    @property
    def first_line(self) -> int:
        return self.line_numbers[0]

    @property
    def repeated_lines(self) -> tuple[int, ...]:
        return self.line_numbers[1:]

    @property
    def message(self) -> str:
        """What the repeated lines say: "Doublon de la ligne 7 (même nom, prénom et …)"."""
        return f"Doublon de la ligne {self.first_line} ({' ; '.join(self.reasons)})"


def find_duplicates_in_file(rows: Sequence[CleanRow]) -> list[DuplicateGroup]:
    """Group the rows with the same name and first name and the same birth date or phone.

    Names are compared with normalise_name(), so "N'DIAYE Élodie" and "Ndiaye Elodie" match.
    Matches chain: if row 3 shares a birth date with row 7 and row 7 a phone with row 12,
    the three are one group.
    """
    parent = list(range(len(rows)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_with_key: dict[tuple[object, ...], int] = {}
    links: list[tuple[int, str]] = []
    for index, row in enumerate(rows):
        name = (normalise_name(row.last_name), normalise_name(row.first_name))
        if not all(name):
            continue
        keys = []
        if row.birth_date:
            keys.append(((*name, "birth_date", row.birth_date), SAME_BIRTH_DATE))
        if row.phone:
            keys.append(((*name, "phone", row.phone), SAME_PHONE))
        for key, reason in keys:
            earlier = first_with_key.setdefault(key, index)
            if earlier != index:
                parent[root(index)] = root(earlier)
                links.append((index, reason))

    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(rows)):
        members[root(index)].append(index)
    reasons: dict[int, set[str]] = defaultdict(set)
    for index, reason in links:
        reasons[root(index)].add(reason)
    return [
        DuplicateGroup(
            line_numbers=tuple(rows[index].line_number for index in indexes),
            reasons=tuple(r for r in (SAME_BIRTH_DATE, SAME_PHONE) if r in reasons[group]),
        )
        for group, indexes in members.items()
        if len(indexes) > 1
    ]


# ---- The whole file -------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedFile:
    table: Table
    mapping: dict[str, int]  # canonical field -> column index
    not_imported_headers: list[str]  # columns left out, by the worker or as unknown
    rows: list[CleanRow]
    duplicates: list[DuplicateGroup]
    note_columns: dict[int, str] = field(default_factory=dict)  # index -> title

    @property
    def columns(self) -> dict[str, str]:
        """Which column title each field was read from: {"birth_date": "Né(e) le", ...}."""
        return {name: self.table.headers[index] for name, index in self.mapping.items()}


def parse_file(
    data: bytes,
    filename: str,
    *,
    targets: Sequence[str] | None = None,
    today: date | None = None,
) -> ParsedFile:
    """Read, map, clean and check a caseload file; raise ImportFileError if it is refused.

    targets: what each column goes to (see headers.TARGET_LABELS), as chosen on the mapping
    screen; the recognised titles when not given.
    """
    table = read_table(data, filename)
    if targets is None:
        targets = suggest_targets(table.headers)
    mapping, note_columns, not_imported = mapping_from_targets(table.headers, targets)
    rows = []
    for table_row in table.rows:
        row = clean_row(table_row.pick(mapping), line_number=table_row.line_number, today=today)
        for index, title in note_columns.items():
            cell = table_row.cells[index] if index < len(table_row.cells) else None
            text = clean_text(cell, multiline=True)
            if len(text) > MAX_CELL_CHARACTERS:
                row.add_problem("", f"Cellule « {title} » trop longue ({len(text)} caractères, "
                                f"{MAX_CELL_CHARACTERS} au plus)", "error")  # fmt: skip
            elif contains_nir(text):
                row.add_problem("", NIR_MESSAGE.format(label=title), "error")
            elif text and not _means_nothing(text):
                row.extra_notes.append((title, text))
        if table_row.line_number in table.mixed_encoding_lines:
            row.add_problem("", MIXED_ENCODING_MESSAGE, "warning")
        rows.append(row)
    duplicates = find_duplicates_in_file(rows)
    by_line = {row.line_number: row for row in rows}
    for group in duplicates:
        for line_number in group.repeated_lines:
            by_line[line_number].add_problem("", group.message, "warning")
    return ParsedFile(table, mapping, not_imported, rows, duplicates, note_columns)


MIXED_ENCODING_MESSAGE = (
    "Ligne enregistrée dans un autre encodage que le reste du fichier (Windows) : "
    "accents relus, vérifiez-les"
)
