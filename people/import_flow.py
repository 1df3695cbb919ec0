"""The steps of a caseload import around the dry run (people.caseload_import):

upload (the header and first rows are read in the request, within the caps) → mapping (the
worker says what each column goes to; remembered per centre) → dry run, in the task worker
→ import, in the task worker; or abandon. While a step runs in the worker the batch is
CHECKING or IMPORTING and its page says so. The raw file is emptied once imported or
abandoned, and after RAW_FILE_DAYS if neither.
"""

import io
from datetime import timedelta

import openpyxl
from django.db import transaction
from django.utils import timezone

from audit.models import AccessAction
from audit.services import log_access
from people.caseload_import import AlreadyImported, check_file, run_import
from people.importing.errors import ImportFileError
from people.importing.headers import (
    IGNORE,
    KEEP_IN_NOTE,
    REFUSAL_TITLE,
    TARGET_LABELS,
    suggest_targets,
    title_key,
)
from people.importing.reading import read_table
from people.importing.text import clean_text
from people.models import ImportBatch, ImportColumnChoice, ImportStatus

# Rows read in the request, for the samples of the mapping screen.
PREVIEW_ROWS = 50
SAMPLE_VALUES = 3
SAMPLE_CHARACTERS = 40
# A file checked but neither imported nor abandoned is emptied after this many days.
RAW_FILE_DAYS = 7


class AlreadyDone(Exception):
    """The batch is no longer at the step the form was made for (double submit, old tab)."""


def upload_file(*, data: bytes, filename: str, centre, by) -> ImportBatch:
    """Read the file's columns and keep it for the mapping step. Raises ImportFileError."""
    table = read_table(data, filename, preview_rows=PREVIEW_ROWS)
    samples = []
    for index in range(len(table.headers)):
        values = []
        for row in table.rows:
            value = clean_text(row.cells[index]) if index < len(row.cells) else ""
            if value:
                values.append(value[:SAMPLE_CHARACTERS])
            if len(values) == SAMPLE_VALUES:
                break
        samples.append(values)
    batch = ImportBatch.objects.create(
        centre=centre,
        filename=filename[:200],
        data=data,
        uploaded_by=by,
        status=ImportStatus.UPLOADED,
        headers=list(table.headers),
        samples=samples,
        targets=proposed_targets(centre, table.headers),
    )
    log_access(actor=by, obj=batch, action=AccessAction.CHANGE, detail="Fichier déposé")
    return batch


def proposed_targets(centre, headers) -> list[str]:
    """What the centre chose last time for each title, else what the title is recognised as.

    A field is proposed for one column only; the refusal reason column is always ignored.
    """
    remembered = dict(
        ImportColumnChoice.objects.filter(
            centre=centre, title_key__in=[title_key(h) for h in headers]
        ).values_list("title_key", "target")
    )
    suggested = suggest_targets(headers)
    targets, taken = [], set()
    for header, suggestion in zip(headers, suggested, strict=True):
        key = title_key(header)
        target = remembered.get(key, suggestion)
        if target not in TARGET_LABELS or key == title_key(REFUSAL_TITLE):
            target = IGNORE
        if target not in (IGNORE, KEEP_IN_NOTE):
            if target in taken:
                target = IGNORE
            taken.add(target)
        targets.append(target)
    return targets


@transaction.atomic
def map_columns(batch: ImportBatch, targets: list[str], *, by) -> ImportBatch:
    """Remember the mapping for the centre and hand the dry run to the task worker."""
    from people.tasks import check_import_file

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        raise AlreadyDone
    for header, target in zip(batch.headers, targets, strict=True):
        key = title_key(header)
        if key:
            ImportColumnChoice.objects.update_or_create(
                centre=batch.centre,
                title_key=key[:200],
                defaults={"target": target, "chosen_by": by},
            )
    batch.targets = list(targets)
    batch.status = ImportStatus.CHECKING
    batch.error = ""
    batch.queued_at = timezone.now()
    batch.save(update_fields=["targets", "status", "error", "queued_at"])
    check_import_file.defer(batch_id=batch.pk)
    log_access(actor=by, obj=batch, action=AccessAction.CHANGE, detail="Colonnes choisies")
    return batch


def check_batch(batch_id: int) -> None:
    """The dry run of a batch handed to the worker; does nothing if it is not waiting."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or batch.status != ImportStatus.CHECKING:
            return
        try:
            check_file(
                data=bytes(batch.data),
                filename=batch.filename,
                centre=batch.centre,
                by=batch.uploaded_by,
                targets=batch.targets,
                batch=batch,
                isolated=True,
            )
        except ImportFileError as error:
            batch.status = ImportStatus.UPLOADED
            batch.error = str(error)
            batch.save(update_fields=["status", "error"])


@transaction.atomic
def start_import(batch: ImportBatch, *, by) -> ImportBatch:
    """Hand the real import to the task worker."""
    from people.tasks import import_file

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.CHECKED:
        raise AlreadyDone
    batch.status = ImportStatus.IMPORTING
    batch.imported_by = by
    batch.error = ""
    batch.queued_at = timezone.now()
    batch.save(update_fields=["status", "imported_by", "error", "queued_at"])
    import_file.defer(batch_id=batch.pk)
    return batch


IMPORT_FAILED_MESSAGE = (
    "L’import n’a pas pu aboutir : aucune fiche n’a été créée ni modifiée. Relancez-le ; "
    "si l’erreur revient, signalez-la à l’administrateur·rice."
)


def import_batch(batch_id: int) -> None:
    """The import of a batch handed to the worker; does nothing if it is not waiting."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.IMPORTING).first()
    if batch is None:
        return
    try:
        run_import(batch, by=batch.imported_by, isolated=True)
    except AlreadyImported:
        return
    except Exception:
        # run_import is all or nothing: give the file back to the worker who asked.
        ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.IMPORTING).update(
            status=ImportStatus.CHECKED, error=IMPORT_FAILED_MESSAGE
        )
        raise


@transaction.atomic
def abandon(batch: ImportBatch, *, by) -> None:
    """Give up this file: its content is deleted, the dry run is kept for the record."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        raise AlreadyDone  # imported, abandoned, or being checked or imported by the worker
    batch.status = ImportStatus.ABANDONED
    batch.data = b""
    batch.samples = []
    batch.refused_rows = []
    batch.save(update_fields=["status", "data", "samples", "refused_rows"])
    log_access(actor=by, obj=batch, action=AccessAction.CHANGE, detail="Import abandonné")


def purge_stale_files(*, now=None) -> int:
    """Empty the files left at the mapping or dry-run step for more than RAW_FILE_DAYS, and
    the refused rows of the files imported more than RAW_FILE_DAYS ago."""
    limit = (now or timezone.now()) - timedelta(days=RAW_FILE_DAYS)
    ImportBatch.objects.filter(
        status=ImportStatus.IMPORTED, imported_at__lt=limit, refused_count__gt=0
    ).exclude(refused_rows=[]).update(refused_rows=[])
    # A step stuck in the worker for a week is given up too: its task, if it ever runs,
    # finds the batch abandoned and does nothing.
    waiting = [
        ImportStatus.UPLOADED,
        ImportStatus.CHECKING,
        ImportStatus.CHECKED,
        ImportStatus.IMPORTING,
    ]
    return ImportBatch.objects.filter(status__in=waiting, uploaded_at__lt=limit).update(
        status=ImportStatus.ABANDONED, data=b"", samples=[], refused_rows=[]
    )


def refused_rows_workbook(batch: ImportBatch) -> bytes:
    """The refused rows with every column of the file and the reason: to correct and import
    again alone (the reason column is then ignored)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Lignes refusées")
    sheet.append([*batch.headers, REFUSAL_TITLE])
    for row in batch.refused_rows:
        sheet.append([*(_safe_cell(cell) for cell in row["cells"]), row["reason"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe_cell(value: str) -> str:
    # openpyxl writes a text starting with "=" as a formula.
    return f"'{value}" if value.startswith("=") else value
