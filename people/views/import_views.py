"""Importing a caseload spreadsheet: upload and check (dry run), read the plan, import."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Role
from audit.services import log_reads
from organisations.models import Centre
from parcours.permissions import centre_ids_for, role_required
from people.caseload_import import ACTION_LABELS, AlreadyImported, check_file, run_import
from people.importing.errors import ImportFileError
from people.models import ImportBatch

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PLAN_PAGE_SIZE = 100


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier (CSV ou Excel .xlsx)",
        help_text=(
            "Une ligne par personne, avec une ligne de titres : « Nom », « Prénom », "
            "« Date de naissance », « Téléphone »… Encodage UTF-8 ou Windows (Excel)."
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


def _batches(user):
    return ImportBatch.objects.filter(centre_id__in=centre_ids_for(user, [Role.COORDINATOR])).defer(
        "data", "plan"
    )


@role_required(Role.COORDINATOR)
def upload(request):
    centres = Centre.objects.filter(pk__in=centre_ids_for(request.user, [Role.COORDINATOR]))
    form = ImportForm(request.POST or None, request.FILES or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = check_file(
                data=upload.read(),
                filename=upload.name,
                centre=form.cleaned_data["centre"],
                by=request.user,
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("people:import_detail", pk=batch.pk)
    recent = _batches(request.user).select_related("centre", "uploaded_by")[:10]
    return render(request, "people/import_upload.html", {"form": form, "recent": recent})


@role_required(Role.COORDINATOR)
def detail(request, pk):
    """The dry run, row by row: what will be created, completed or refused, and why."""
    batch = get_object_or_404(
        ImportBatch.objects.filter(centre_id__in=centre_ids_for(request.user, [Role.COORDINATOR]))
        .defer("data")
        .select_related("centre", "uploaded_by", "imported_by"),
        pk=pk,
    )
    shown = request.GET.get("action", "")
    rows = [row for row in batch.plan if not shown or row["action"] == shown]
    for row in rows:
        row["action_label"] = ACTION_LABELS[row["action"]]
    page = Paginator(rows, PLAN_PAGE_SIZE).get_page(request.GET.get("page"))
    log_reads(request, page, what=f"Import : vérification du fichier n° {batch.pk}")
    return render(
        request,
        "people/import_detail.html",
        {"batch": batch, "page": page, "shown": shown, "actions": ACTION_LABELS},
    )


@role_required(Role.COORDINATOR)
@require_POST
def run(request, pk):
    batch = get_object_or_404(_batches(request.user), pk=pk)
    try:
        counts = run_import(batch, by=request.user)
    except AlreadyImported:
        messages.info(request, "Action déjà effectuée : ce fichier est déjà importé.")
    else:
        messages.success(
            request,
            f"Import terminé : {counts['create']} fiche(s) créée(s), "
            f"{counts['complete']} complétée(s), {counts['refuse']} ligne(s) refusée(s).",
        )
    return redirect("people:import_detail", pk=batch.pk)
