"""Importing a caseload spreadsheet: upload, map the columns, read the dry run, import.

Each step is a plain form (no JavaScript). The request reads the header and first rows
only (within the caps of people.importing.reading); the dry run and the import run in the
task worker, and the batch's page says where it is until they are done.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Role
from audit.models import AccessAction
from audit.services import log_access, log_reads
from organisations.models import Centre
from parcours.permissions import centre_ids_for, role_required
from people.caseload_import import ACTION_LABELS
from people.import_flow import (
    AlreadyDone,
    abandon,
    map_columns,
    refused_rows_workbook,
    start_import,
    upload_file,
)
from people.importing.errors import ImportFileError
from people.importing.headers import (
    FIELD_LABELS,
    IGNORE,
    KEEP_IN_NOTE,
    NAME_TARGETS,
    TARGET_LABELS,
)
from people.models import ImportBatch, ImportStatus

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PLAN_PAGE_SIZE = 100
ALREADY_DONE = "Action déjà effectuée : ce fichier a été importé ou abandonné entre-temps."


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier (CSV ou Excel .xlsx)",
        help_text=(
            "Une ligne par personne, avec une ligne de titres : « Nom », « Prénom », "
            "« Date de naissance », « Téléphone »… Encodage UTF-8 ou Windows (Excel). "
            "À l’étape suivante, vous choisirez ce que devient chaque colonne."
        ),
    )
    centre = forms.ModelChoiceField(
        label="Centre", queryset=Centre.objects.none(), empty_label=None
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Le fichier dépasse 20 Mo.")
        return upload


class MappingForm(forms.Form):
    """One select per column of the file, labelled by the column's title."""

    def __init__(self, *args, batch: ImportBatch, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        choices = list(TARGET_LABELS.items())
        repeated = {h for h in batch.headers if h and batch.headers.count(h) > 1}
        for index, header in enumerate(batch.headers):
            samples = batch.samples[index] if index < len(batch.samples) else []
            shown = " ; ".join(samples) if samples else "colonne vide"
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=(
                    f"{header} (colonne {index + 1})"
                    if header in repeated
                    else header or f"Colonne {index + 1} (sans titre)"
                ),
                choices=choices,
                initial=batch.targets[index] if index < len(batch.targets) else IGNORE,
                required=False,
                help_text=f"Premières valeurs : {shown}",
            )

    def clean(self):
        cleaned = super().clean()
        chosen: dict[str, str] = {}
        for index in range(len(self.batch.headers)):
            name = f"column_{index}"
            target = cleaned.get(name, IGNORE)
            if target in (IGNORE, KEEP_IN_NOTE):
                continue
            if target in chosen:
                self.add_error(
                    name,
                    f"« {FIELD_LABELS[target]} » est déjà choisi pour la colonne "
                    f"« {chosen[target]} » : choisissez un autre champ, gardez cette "
                    "colonne dans la note ou ignorez-la.",
                )
            else:
                chosen[target] = self.fields[name].label
        if not self.errors and not chosen.keys() & NAME_TARGETS:
            raise forms.ValidationError(
                "Aucune colonne ne va vers « Nom », « Prénom », « Nom de naissance » ou "
                "« Nom et prénom » : impossible de savoir à qui correspond chaque ligne. "
                "Choisissez au moins une de ces colonnes."
            )
        return cleaned

    @property
    def targets(self) -> list[str]:
        return [
            self.cleaned_data.get(f"column_{index}", IGNORE)
            for index in range(len(self.batch.headers))
        ]


def _batches(user):
    return ImportBatch.objects.filter(centre_id__in=centre_ids_for(user, [Role.COORDINATOR])).defer(
        "data", "plan", "samples", "refused_rows"
    )


@role_required(Role.COORDINATOR)
def upload(request):
    centres = Centre.objects.filter(pk__in=centre_ids_for(request.user, [Role.COORDINATOR]))
    form = ImportForm(request.POST or None, request.FILES or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = upload_file(
                data=upload.read(),
                filename=upload.name,
                centre=form.cleaned_data["centre"],
                by=request.user,
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("people:import_mapping", pk=batch.pk)
    recent = _batches(request.user).select_related("centre", "uploaded_by")[:10]
    return render(request, "people/import_upload.html", {"form": form, "recent": recent})


@role_required(Role.COORDINATOR)
def mapping(request, pk):
    """What each column of the file goes to, before the dry run."""
    batch = get_object_or_404(_batches(request.user).defer(None).defer("data", "plan"), pk=pk)
    if batch.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        if request.method == "POST":
            messages.info(request, ALREADY_DONE)
        return redirect("people:import_detail", pk=batch.pk)
    form = MappingForm(request.POST or None, batch=batch)
    if request.method == "POST" and form.is_valid():
        try:
            map_columns(batch, form.targets, by=request.user)
        except AlreadyDone:
            messages.info(request, ALREADY_DONE)
        return redirect("people:import_detail", pk=batch.pk)
    if request.method != "POST":
        log_access(actor=request.user, obj=batch, detail="Colonnes du fichier")
    return render(request, "people/import_mapping.html", {"batch": batch, "form": form})


@role_required(Role.COORDINATOR)
def detail(request, pk):
    """The dry run, row by row: what will be created, completed or refused, and why."""
    batch = get_object_or_404(
        _batches(request.user).select_related("centre", "uploaded_by", "imported_by"), pk=pk
    )
    if batch.status == ImportStatus.UPLOADED:
        return redirect("people:import_mapping", pk=batch.pk)
    if batch.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING):
        return render(request, "people/import_progress.html", {"batch": batch})
    shown = request.GET.get("action", "")
    rows = [row for row in batch.plan if not shown or row["action"] == shown]
    for row in rows:
        row["action_label"] = ACTION_LABELS.get(row["action"], row["action"])
    page = Paginator(rows, PLAN_PAGE_SIZE).get_page(request.GET.get("page"))
    log_reads(request, page, what=f"Import : vérification du fichier n° {batch.pk}")
    mapped = [
        (header, TARGET_LABELS.get(target, ""))
        for header, target in zip(batch.headers, batch.targets, strict=False)
        if target
    ]
    return render(
        request,
        "people/import_detail.html",
        {
            "batch": batch,
            "page": page,
            "shown": shown,
            "actions": ACTION_LABELS,
            "mapped": mapped,
            "can_change": batch.status == ImportStatus.CHECKED,
        },
    )


@role_required(Role.COORDINATOR)
@require_POST
def run(request, pk):
    batch = get_object_or_404(_batches(request.user), pk=pk)
    try:
        start_import(batch, by=request.user)
    except AlreadyDone:
        messages.info(request, "Action déjà effectuée : ce fichier est déjà importé ou abandonné.")
    return redirect("people:import_detail", pk=batch.pk)


@role_required(Role.COORDINATOR)
@require_POST
def abandon_view(request, pk):
    batch = get_object_or_404(_batches(request.user), pk=pk)
    try:
        abandon(batch, by=request.user)
    except AlreadyDone:
        messages.info(request, ALREADY_DONE)
    else:
        messages.success(request, "Import abandonné : le fichier déposé a été supprimé.")
    return redirect("people:import")


@role_required(Role.COORDINATOR)
def refused_download(request, pk):
    """The refused rows as a workbook: every column of the file plus the reason."""
    batch = get_object_or_404(_batches(request.user).defer(None).defer("data", "plan"), pk=pk)
    if not batch.refused_rows:
        messages.info(request, "Aucune ligne refusée à télécharger pour ce fichier.")
        return redirect("people:import_detail", pk=batch.pk)
    log_access(actor=request.user, obj=batch, action=AccessAction.EXPORT, detail="Lignes refusées")
    response = HttpResponse(
        refused_rows_workbook(batch),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="lignes-refusees-{batch.pk}.xlsx"'
    return response
