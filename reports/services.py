"""State changes of the bilans: named services, dated and signed, with their audit row."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.models import AccessAction
from audit.services import log_access
from reception.services import ActionAlreadyDone
from reports.models import Bilan, BilanStatus, BilanVersion
from reports.registry import compute_figures, format_age_bands, registered_indicators


class StaleVersion(Exception):
    """A colleague saved a version since this writer opened the form."""

    message = (
        "Une autre version a été enregistrée depuis que vous avez ouvert ce formulaire. "
        "Votre texte est conservé ci-dessous : relisez la dernière version, puis enregistrez."
    )


@transaction.atomic
def create_bilan(*, by, title, centre, start, end, age_bands) -> Bilan:
    bilan = Bilan.objects.create(
        title=title,
        centre=centre,
        period_start=start,
        period_end=end,
        age_bands=format_age_bands(age_bands),
        created_by=by,
    )
    log_access(actor=by, obj=bilan, action=AccessAction.CHANGE, detail="Création du bilan")
    return bilan


@transaction.atomic
def save_version(bilan, *, by, base_version: int, texts: dict) -> BilanVersion:
    """Add a version of the written parts (none is overwritten). Refused when the bilan was
    made final (ActionAlreadyDone) or a colleague saved since `base_version` (StaleVersion)."""
    bilan = Bilan.objects.select_for_update().get(pk=bilan.pk)
    if bilan.is_final:
        raise ActionAlreadyDone
    last = bilan.versions.aggregate(last=Max("number"))["last"] or 0
    if last != base_version:
        raise StaleVersion
    version = BilanVersion.objects.create(bilan=bilan, number=last + 1, written_by=by, **texts)
    log_access(actor=by, obj=bilan, action=AccessAction.CHANGE, detail=f"Version {version.number}")
    return version


@transaction.atomic
def finalise_bilan(bilan, *, by, scope, publish: bool = False) -> Bilan:
    """Freeze the bilan: its figures are computed once more and stored as shown; from then
    on they are read, never recomputed, whatever data arrives or is deleted."""
    bilan = Bilan.objects.select_for_update().get(pk=bilan.pk)
    if bilan.is_final:
        raise ActionAlreadyDone
    public_keys = {indicator.key for indicator in registered_indicators(public_only=True)}
    figures = compute_figures(scope)
    for figure in figures:
        figure["public"] = figure["key"] in public_keys
    bilan.figures = figures
    bilan.frozen_centres = [list(centre) for centre in scope.centres]
    bilan.figures_as_of = scope.as_of
    bilan.status = BilanStatus.FINAL
    bilan.finalised_by = by
    bilan.finalised_at = timezone.now()
    bilan.is_public = publish and bilan.centre_id is None
    bilan.save(
        update_fields=[
            "figures",
            "frozen_centres",
            "figures_as_of",
            "status",
            "finalised_by",
            "finalised_at",
            "is_public",
        ]
    )
    log_access(actor=by, obj=bilan, action=AccessAction.CHANGE, detail="Version finale")
    return bilan


def log_export(*, by, objects, what: str, file_format: str) -> None:
    """Every export of figures is written to the access log: one line per bilan or centre."""
    for obj in objects:
        log_access(
            actor=by,
            obj=obj,
            action=AccessAction.EXPORT,
            detail=f"Export {file_format.upper()} – {what}",
        )
