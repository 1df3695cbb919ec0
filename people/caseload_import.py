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
from functools import cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AccessAction
from audit.services import log_access
from organisations.models import Neighbourhood
from people.history import change_rows
from people.importing.isolated import parse_file_isolated
from people.importing.matching import (
    NeighbourhoodMatcher,
    employment_from_text,
    employment_words,
    need_words,
    needs_from_text,
)
from people.importing.parsing import CleanRow, ParsedFile, parse_file
from people.importing.text import clean_text, normalise_label, normalise_name
from people.models import (
    EmploymentSituation,
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
from reception.needs import allowed_codes, need_label

CREATE, COMPLETE, REFUSE = "create", "complete", "refuse"
ACTION_LABELS = {CREATE: "Création", COMPLETE: "Fiche complétée", REFUSE: "Refusée"}
# Identity fields an imported row fills; only when empty on an existing file.
FILLED_FIELDS = (
    "birth_name",
    "sex",
    "birth_date",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "file_reference",
    "first_contact_date",
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


def check_file(
    *,
    data: bytes,
    filename: str,
    centre,
    by,
    targets=None,
    batch: ImportBatch | None = None,
    isolated: bool = False,
) -> ImportBatch:
    """The dry run: parse, plan and keep the file for the real import. Raises ImportFileError.

    targets: what each column goes to, as chosen on the mapping screen (recognised titles
    when None). With a batch (uploaded, then mapped), the batch is updated. isolated: parse
    in a child process with a memory and time limit (the task worker does).
    """
    parsed = _parse(data, filename, targets, isolated)
    plan = plan_import(parsed, centre)
    counts = _counts(plan)
    if batch is None:
        batch = ImportBatch(centre=centre, filename=filename[:200], data=data, uploaded_by=by)
    batch.status = ImportStatus.CHECKED
    batch.headers = list(parsed.table.headers)
    batch.targets = _targets_of(parsed)
    batch.plan = [asdict(planned) for planned in plan]
    batch.ignored_columns = parsed.not_imported_headers
    batch.notices = _notices(parsed)
    batch.refused_rows = _refused_rows(parsed, plan)
    batch.created_count = counts[CREATE]
    batch.merged_count = counts[COMPLETE]
    batch.refused_count = counts[REFUSE]
    batch.save()
    return batch


def _parse(data: bytes, filename: str, targets, isolated: bool) -> ParsedFile:
    if isolated:
        return parse_file_isolated(data, filename, targets=targets)
    return parse_file(data, filename, targets=targets)


def _targets_of(parsed: ParsedFile) -> list[str]:
    targets = [""] * len(parsed.table.headers)
    for name, index in parsed.mapping.items():
        targets[index] = name
    for index in parsed.note_columns:
        targets[index] = "note"
    return targets


def _notices(parsed: ParsedFile) -> list[str]:
    """What the worker must know about the file as a whole, in French."""
    lines = sorted(parsed.table.mixed_encoding_lines)
    if not lines:
        return []
    shown = ", ".join(str(line) for line in lines[:20]) + (" …" if len(lines) > 20 else "")
    return [
        f"Le fichier mélange deux encodages : {len(lines)} ligne(s) enregistrée(s) en "
        f"Windows-1252 dans un fichier UTF-8 (ligne(s) {shown}). Leurs accents ont été relus "
        "ligne par ligne : vérifiez-les dans la vérification ci-dessous."
    ]


def _refused_rows(parsed: ParsedFile, plan) -> list[dict]:
    """Every cell of each refused row, as text, with its reasons: the corrected re-import."""
    refused = {planned.line: planned.reasons for planned in plan if planned.action == REFUSE}
    width = len(parsed.table.headers)
    rows = []
    for table_row in parsed.table.rows:
        if table_row.line_number in refused:
            cells = [clean_text(cell, multiline=True) for cell in table_row.cells[:width]]
            cells += [""] * (width - len(cells))
            reasons = " ; ".join(refused[table_row.line_number])
            rows.append({"line": table_row.line_number, "cells": cells, "reason": reasons})
    return rows


def _counts(plan) -> dict[str, int]:
    counts = {CREATE: 0, COMPLETE: 0, REFUSE: 0}
    for planned in plan:
        counts[planned.action] += 1
    return counts


class AlreadyImported(Exception):
    pass


@transaction.atomic
def run_import(batch: ImportBatch, *, by, isolated: bool = False) -> dict[str, int]:
    """The real import, all or nothing. The plan is made again: the base may have changed."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status not in (ImportStatus.CHECKED, ImportStatus.IMPORTING):
        raise AlreadyImported
    parsed = _parse(bytes(batch.data), batch.filename, batch.targets or None, isolated)
    plan = plan_import(parsed, batch.centre)
    rows = {row.line_number: row for row in parsed.rows}
    reference = Neighbourhood.objects.in_bulk()
    neighbourhoods = NeighbourhoodMatcher((n.pk, n.slug, n.name) for n in reference.values())
    neighbourhoods.objects = reference  # for the history of completed files, without queries

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
        filled = _fill_empty(target, rows[planned.line], by, neighbourhoods)
        changed |= filled
        if planned.person_id:
            names = sorted(
                filled & {*FILLED_FIELDS, "resources", "employment_situation", "neighbourhood"}
            )
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
        text = _note_text(rows[planned.line], batch.filename, neighbourhoods)
        if text:
            notes.append(Note(person=target, author=by, text=text, visibility=NoteVisibility.TEAM))
    Note.objects.bulk_create(notes, batch_size=BATCH_SIZE)

    counts = _counts(plan)
    batch.status = ImportStatus.IMPORTED
    batch.error = ""
    # The raw file may hold columns that were never imported: it is not kept, nor are the
    # first values shown on the mapping screen.
    batch.data = b""
    batch.samples = []
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


def _new_person(row: CleanRow, batch, by, neighbourhoods: NeighbourhoodMatcher) -> Person:
    resources, _ = resources_from_text(row.resources)
    employment = _employment(row)
    situation_set = bool(resources or employment)
    return Person(
        first_name=row.first_name,
        last_name=row.last_name,
        birth_name=row.birth_name,
        search_name=search_name_for(row.first_name, row.last_name, row.birth_name),
        sex=row.sex,
        birth_date=row.birth_date,
        phone=row.phone,
        email=row.email,
        address=row.address,
        postal_code=row.postal_code,
        city=row.city,
        neighbourhood_id=neighbourhoods.match(row.neighbourhood),
        centre=batch.centre,
        file_reference=row.file_reference,
        first_contact_date=row.first_visit_date,
        first_contact_needs=_needs(row)[0],
        employment_situation=employment,
        resources=resources,
        situation_updated_at=timezone.now() if situation_set else None,
        situation_updated_by=by if situation_set else None,
        created_by=by,
        import_batch=batch,
    )


@cache
def _need_words() -> dict[str, str]:
    return need_words({code: need_label(code) for code in allowed_codes()})


@cache
def _employment_words() -> dict[str, str]:
    return employment_words(dict(EmploymentSituation.choices))


def _needs(row: CleanRow) -> tuple[list[str], str]:
    return needs_from_text(row.request, _need_words())


def _employment(row: CleanRow) -> str:
    return employment_from_text(row.situation, _employment_words())


def _fill_empty(
    person: Person, row: CleanRow, by, neighbourhoods: NeighbourhoodMatcher
) -> set[str]:
    changed = set()
    for name in FILLED_FIELDS:
        value = getattr(row, name if name != "first_contact_date" else "first_visit_date")
        if value and not getattr(person, name):
            setattr(person, name, value)
            changed.add(name)
    if "birth_name" in changed:
        # The desk finds people by their birth name too.
        person.search_name = search_name_for(person.first_name, person.last_name, person.birth_name)
        changed.add("search_name")
    neighbourhood = neighbourhoods.match(row.neighbourhood)
    if neighbourhood and not person.neighbourhood_id:
        person.neighbourhood = neighbourhoods.objects[neighbourhood]
        changed.add("neighbourhood")
    needs, _ = _needs(row)
    if needs and not person.first_contact_needs:
        person.first_contact_needs = needs
        changed.add("first_contact_needs")
    resources, _ = resources_from_text(row.resources)
    employment = _employment(row)
    if resources and not person.resources:
        person.resources = resources
        changed.add("resources")
    if employment and not person.employment_situation:
        person.employment_situation = employment
        changed.add("employment_situation")
    if changed & {"resources", "employment_situation"}:
        person.situation_updated_at, person.situation_updated_by = timezone.now(), by
        changed |= {"situation_updated_at", "situation_updated_by"}
    return changed


def _note_text(row: CleanRow, filename: str, neighbourhoods: NeighbourhoodMatcher) -> str:
    """What the spreadsheet said beyond what the file's fields hold, kept as a team note:
    nothing mapped is dropped."""
    parts = [
        ("Orienté·e par", row.referred_by),
        ("Demande", _needs(row)[1]),
        ("Situation", "" if _employment(row) else row.situation),
        ("Ressources", resources_from_text(row.resources)[1]),
        ("Observations", row.notes),
        ("Quartier indiqué", "" if neighbourhoods.match(row.neighbourhood) else row.neighbourhood),
        *row.extra_notes,
    ]
    lines = [f"{label} : {value}" for label, value in parts if value]
    if not lines:
        return ""
    return f"Repris du fichier « {filename} » (ligne {row.line_number}).\n" + "\n".join(lines)
