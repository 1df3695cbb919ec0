"""Importing a centre's existing caseload: plan row by row (dry run), then apply at once.

The parsing and cleaning is `people.importing` (no database); this module matches the
cleaned rows against the people of the centre with the same normaliser as the search
(`normalise_name`), in a fixed order of trust:

1. same file number ("N° de dossier") in the centre;
2. same last and first name (in either order) and same birth date;
3. same last and first name (in either order) and same phone.

A row that matches is "completed" (only the empty fields of the existing file are
filled, nothing is overwritten); a row with an error is refused; any other row creates
a file. Rows of the file that match an earlier row are completed into it the same way.
"""

import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AccessAction
from audit.services import log_access
from organisations.models import Neighbourhood
from people.history import change_rows
from people.importing.parsing import CleanRow, ParsedFile, parse_file
from people.importing.text import normalise_label, normalise_name
from people.models import (
    ImportBatch,
    ImportStatus,
    Note,
    NoteVisibility,
    Person,
    PersonChange,
    Resource,
)
from people.normalise import search_name_for
from people.validators import validate_resources

CREATE, COMPLETE, REFUSE = "create", "complete", "refuse"
ACTION_LABELS = {CREATE: "Création", COMPLETE: "Fiche complétée", REFUSE: "Refusée"}
# Identity fields an imported row fills; only when empty on an existing file.
FILLED_FIELDS = (
    "sex",
    "birth_date",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "file_reference",
)
BATCH_SIZE = 1000

# What centres write in a "Ressources" column, normalised (normalise_label), and its code.
RESOURCE_WORDS = {
    "rsa": Resource.RSA,
    "revenu de solidarite active": Resource.RSA,
    "are": Resource.ARE,
    "chomage": Resource.ARE,
    "allocation chomage": Resource.ARE,
    "allocations chomage": Resource.ARE,
    "aah": Resource.AAH,
    "allocation adulte handicape": Resource.AAH,
    "allocation aux adultes handicapes": Resource.AAH,
    "prime d activite": Resource.ACTIVITY_BONUS,
    "prime activite": Resource.ACTIVITY_BONUS,
    "salaire": Resource.SALARY,
    "salaires": Resource.SALARY,
    "pension": Resource.PENSION,
    "retraite": Resource.PENSION,
    "pension de retraite": Resource.PENSION,
    "aucune": Resource.NONE,
    "aucune ressource": Resource.NONE,
    "aucunes ressources": Resource.NONE,
    "sans ressource": Resource.NONE,
    "sans ressources": Resource.NONE,
    "aucun revenu": Resource.NONE,
}
_RESOURCE_SEPARATORS = re.compile(r"\s*(?:[,;/+\n]|\bet\b)\s*", re.IGNORECASE)


def resources_from_text(text: str) -> tuple[list[str], str]:
    """The codes of the resources a cell names, and what was not recognised (for the note).

    "RSA, prime d'activité" gives ["rsa", "activity_bonus"] and ""; "RSA + APL" gives
    ["rsa"] and "APL". A part is recognised whole or kept whole ("RSA depuis 2020" is kept);
    contradictory values ("aucune, RSA") are all kept as text.
    """
    codes, rest = [], []
    for part in _RESOURCE_SEPARATORS.split(text or ""):
        if not part.strip():
            continue
        code = RESOURCE_WORDS.get(normalise_label(part))
        if code is None:
            rest.append(part.strip())
        elif code not in codes:
            codes.append(code)
    try:
        validate_resources(codes)
    except ValidationError:
        return [], text
    codes = [value for value in Resource.values if value in codes]
    return codes, ", ".join(rest)


@dataclass
class PlannedRow:
    line: int
    action: str
    name: str
    reasons: list[str] = field(default_factory=list)
    person_id: int | None = None  # existing file completed by this row
    into_line: int | None = None  # earlier line of the file completed by this row


def _names_key(row_or_person) -> tuple[str, str] | None:
    names = sorted(
        (normalise_name(row_or_person.last_name), normalise_name(row_or_person.first_name))
    )
    return tuple(names) if all(names) else None


def _keys(item) -> list[tuple[str, tuple]]:
    """Matching keys in order of trust, with the reason a match gives."""
    keys = []
    if item.file_reference:
        keys.append(("même n° de dossier", ("ref", item.file_reference.strip().lower())))
    names = _names_key(item)
    if names and item.birth_date:
        keys.append(("même nom, prénom et date de naissance", ("birth", names, item.birth_date)))
    phone = str(item.phone.as_e164) if hasattr(item.phone, "as_e164") else item.phone
    if names and phone:
        keys.append(("même nom, prénom et téléphone", ("phone", names, phone)))
    return keys


def plan_import(parsed: ParsedFile, centre) -> list[PlannedRow]:
    """What importing this file into this centre would do, row by row. Reads only."""
    known: dict[tuple, tuple[str, int]] = {}  # key -> ("person", pk) or ("line", n)
    existing = Person.objects.filter(centre=centre, merged_into__isnull=True).only(
        "pk", "first_name", "last_name", "birth_date", "phone", "file_reference"
    )
    for person in existing.iterator(chunk_size=5000):
        for _, key in _keys(person):
            known.setdefault(key, ("person", person.pk))

    plan = []
    for row in parsed.rows:
        name = f"{row.last_name.upper()} {row.first_name}".strip()
        warnings = [problem.message for problem in row.warnings]
        if not row.is_importable:
            reasons = [problem.message for problem in row.errors]
            plan.append(PlannedRow(row.line_number, REFUSE, name, reasons + warnings))
            continue
        match = next(((reason, known[key]) for reason, key in _keys(row) if key in known), None)
        if match is None:
            plan.append(PlannedRow(row.line_number, CREATE, name, warnings))
            for _, key in _keys(row):
                known.setdefault(key, ("line", row.line_number))
            continue
        reason, (kind, target) = match
        if kind == "person":
            planned = PlannedRow(
                row.line_number,
                COMPLETE,
                name,
                [f"{reason} que la fiche n° {target}", *warnings],
                person_id=target,
            )
        else:
            planned = PlannedRow(
                row.line_number,
                COMPLETE,
                name,
                [f"{reason} que la ligne {target}", *warnings],
                into_line=target,
            )
        # The parser's own "Doublon de la ligne N" says the same thing: do not repeat it.
        planned.reasons = [r for r in planned.reasons if not r.startswith("Doublon de la ligne")]
        plan.append(planned)
    return plan


def check_file(*, data: bytes, filename: str, centre, by) -> ImportBatch:
    """The dry run: parse, plan and keep the file for the real import. Raises ImportFileError."""
    parsed = parse_file(data, filename)
    plan = plan_import(parsed, centre)
    counts = _counts(plan)
    return ImportBatch.objects.create(
        centre=centre,
        filename=filename[:200],
        data=data,
        uploaded_by=by,
        plan=[asdict(planned) for planned in plan],
        created_count=counts[CREATE],
        merged_count=counts[COMPLETE],
        refused_count=counts[REFUSE],
    )


def _counts(plan) -> dict[str, int]:
    counts = {CREATE: 0, COMPLETE: 0, REFUSE: 0}
    for planned in plan:
        counts[planned.action] += 1
    return counts


class AlreadyImported(Exception):
    pass


@transaction.atomic
def run_import(batch: ImportBatch, *, by) -> dict[str, int]:
    """The real import, all or nothing. The plan is made again: the base may have changed."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == ImportStatus.IMPORTED:
        raise AlreadyImported
    parsed = parse_file(bytes(batch.data), batch.filename)
    plan = plan_import(parsed, batch.centre)
    rows = {row.line_number: row for row in parsed.rows}
    neighbourhoods = {normalise_label(n.name): n.pk for n in Neighbourhood.objects.all()}

    new_people: dict[int, Person] = {}
    for planned in plan:
        if planned.action == CREATE:
            new_people[planned.line] = _new_person(rows[planned.line], batch, by, neighbourhoods)
    existing_ids = {p.person_id for p in plan if p.person_id}
    existing = Person.objects.in_bulk(existing_ids)
    changed: set[str] = set()
    # Empty fields of existing files filled by the import: historised like any change.
    history: list[PersonChange] = []
    for planned in plan:
        if planned.action != COMPLETE:
            continue
        target = existing[planned.person_id] if planned.person_id else new_people[planned.into_line]
        filled = _fill_empty(target, rows[planned.line], by)
        changed |= filled
        if planned.person_id:
            names = sorted(filled & {*FILLED_FIELDS, "resources"})
            history += change_rows(target, by=by, before={}, names=names)

    Person.objects.bulk_create(new_people.values(), batch_size=BATCH_SIZE)
    if existing and changed:
        Person.objects.bulk_update(existing.values(), sorted(changed), batch_size=BATCH_SIZE)
    PersonChange.objects.bulk_create(history, batch_size=BATCH_SIZE)

    notes = []
    for planned in plan:
        if planned.action == REFUSE:
            continue
        target = new_people.get(planned.line) or (
            existing[planned.person_id] if planned.person_id else new_people[planned.into_line]
        )
        text = _note_text(rows[planned.line], batch.filename)
        if text:
            notes.append(Note(person=target, author=by, text=text, visibility=NoteVisibility.TEAM))
    Note.objects.bulk_create(notes, batch_size=BATCH_SIZE)

    counts = _counts(plan)
    batch.status = ImportStatus.IMPORTED
    batch.imported_at = timezone.now()
    batch.imported_by = by
    batch.plan = [asdict(planned) for planned in plan]
    batch.created_count, batch.merged_count, batch.refused_count = (
        counts[CREATE],
        counts[COMPLETE],
        counts[REFUSE],
    )
    batch.save()
    log_access(
        actor=by,
        obj=batch,
        action=AccessAction.CHANGE,
        detail=(
            f"Import : {counts[CREATE]} créées, {counts[COMPLETE]} complétées, "
            f"{counts[REFUSE]} refusées"
        ),
    )
    return counts


def _new_person(row: CleanRow, batch, by, neighbourhoods) -> Person:
    resources, _ = resources_from_text(row.resources)
    return Person(
        first_name=row.first_name,
        last_name=row.last_name,
        search_name=search_name_for(row.first_name, row.last_name),
        sex=row.sex,
        birth_date=row.birth_date,
        phone=row.phone,
        email=row.email,
        address=row.address,
        postal_code=row.postal_code,
        city=row.city,
        neighbourhood_id=neighbourhoods.get(normalise_label(row.neighbourhood)),
        centre=batch.centre,
        file_reference=row.file_reference[:40],
        resources=resources,
        situation_updated_at=timezone.now() if resources else None,
        situation_updated_by=by if resources else None,
        created_by=by,
        import_batch=batch,
    )


def _fill_empty(person: Person, row: CleanRow, by) -> set[str]:
    changed = set()
    for name in FILLED_FIELDS:
        value = getattr(row, name)
        if value and not getattr(person, name):
            setattr(person, name, value[:40] if name == "file_reference" else value)
            changed.add(name)
    resources, _ = resources_from_text(row.resources)
    if resources and not person.resources:
        person.resources = resources
        person.situation_updated_at, person.situation_updated_by = timezone.now(), by
        changed |= {"resources", "situation_updated_at", "situation_updated_by"}
    return changed


def _note_text(row: CleanRow, filename: str) -> str:
    """What the spreadsheet said beyond identity, kept as a team note (nothing is dropped)."""
    parts = [
        (
            "Premier accueil",
            row.first_visit_date.strftime("%d/%m/%Y") if row.first_visit_date else "",
        ),
        ("Orienté·e par", row.referred_by),
        ("Demande", row.request),
        ("Ressources", resources_from_text(row.resources)[1]),
        ("Observations", row.notes),
        ("Quartier indiqué", row.neighbourhood),
    ]
    lines = [f"{label} : {value}" for label, value in parts if value]
    if not lines:
        return ""
    return f"Repris du fichier « {filename} » (ligne {row.line_number}).\n" + "\n".join(lines)
