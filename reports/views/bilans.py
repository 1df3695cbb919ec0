"""Bilan documents: list, creation, reading (any version), writing, final version, exports."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from parcours.permissions import (
    BILAN_WRITER_ROLES,
    REPORT_ROLES,
    can_create_bilan,
    can_finalise_bilan,
    can_write_bilan,
    report_centres_for,
    role_required,
)
from reception.services import ActionAlreadyDone
from reports import exports, services
from reports.forms import BilanCreateForm, BilanWritingForm, FinaliseForm
from reports.models import WRITTEN_PARTS, BilanStatus
from reports.selectors import (
    bilan_figures,
    bilans_listed_for,
    current_year_bounds,
    get_bilan_for_user,
    latest_version,
    live_scope,
)
from reports.typography import french_period
from reports.views.figures import FORMATS, attachment

BILAN_CREATOR_ROLES = REPORT_ROLES


def _create_form(request, data=None):
    user = request.user
    centres = [centre for centre in report_centres_for(user) if can_create_bilan(user, centre)]
    year = current_year_bounds()[0].year - 1
    return BilanCreateForm(
        data, centres=centres, service_allowed=can_create_bilan(user, None), year=year
    )


@role_required(*REPORT_ROLES)
def bilan_list(request):
    page = Paginator(bilans_listed_for(request.user), 20).get_page(request.GET.get("page"))
    form = _create_form(request)
    return render(
        request,
        "reports/bilan_list.html",
        {"page": page, "can_create": bool(form.fields["scope"].choices)},
    )


@role_required(*BILAN_CREATOR_ROLES)
def bilan_create(request):
    form = _create_form(request, request.POST or None)
    if not form.fields["scope"].choices:
        raise Http404
    if request.method == "POST" and form.is_valid():
        bilan = services.create_bilan(
            by=request.user,
            title=form.cleaned_data["title"],
            centre=form.centre(),
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            age_bands=form.cleaned_data["ages"],
        )
        messages.success(request, "Bilan créé : ses chiffres sont calculés, écrivez ses textes.")
        return redirect("reports:bilan_detail", pk=bilan.pk)
    return render(request, "reports/bilan_create.html", {"form": form})


def _version_shown(request, bilan, latest):
    number = request.GET.get("version")
    if not number or latest is None or number == str(latest.number):
        return latest
    if not number.isdigit():
        raise Http404
    version = bilan.versions.select_related("written_by").filter(number=int(number)).first()
    if version is None:
        raise Http404
    return version


@role_required(*REPORT_ROLES)
def bilan_detail(request, pk):
    bilan = get_bilan_for_user(request.user, pk)
    latest = latest_version(bilan)
    version = _version_shown(request, bilan, latest)
    figures, centres, as_of = bilan_figures(bilan)
    return render(
        request,
        "reports/bilan_detail.html",
        {
            "bilan": bilan,
            "version": version,
            "latest": latest,
            "versions": bilan.versions.select_related("written_by").order_by("-number"),
            "parts": version.parts if version else [(t, "") for _, t, _ in WRITTEN_PARTS],
            "sections": exports.sections(exports.with_charts(figures)),
            "centres": centres,
            "as_of": as_of,
            "period": french_period(bilan.period_start, bilan.period_end),
            "can_write": can_write_bilan(request.user, bilan),
            "finalise_form": FinaliseForm(initial={"expected_status": bilan.status})
            if can_finalise_bilan(request.user, bilan)
            else None,
        },
    )


@role_required(*BILAN_WRITER_ROLES)
def bilan_edit(request, pk):
    bilan = get_bilan_for_user(request.user, pk)
    if bilan.is_final:
        messages.info(request, "Action déjà effectuée.")
        return redirect("reports:bilan_detail", pk=bilan.pk)
    if not can_write_bilan(request.user, bilan):
        raise Http404
    latest = latest_version(bilan)
    initial = {"base_version": latest.number if latest else 0}
    if latest:
        initial.update({field: getattr(latest, field) for field, _, _ in WRITTEN_PARTS})
    form = BilanWritingForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        texts = {field: form.cleaned_data[field] for field, _, _ in WRITTEN_PARTS}
        try:
            version = services.save_version(
                bilan,
                by=request.user,
                base_version=form.cleaned_data["base_version"],
                texts=texts,
            )
        except ActionAlreadyDone:
            messages.info(request, "Action déjà effectuée.")
            return redirect("reports:bilan_detail", pk=bilan.pk)
        except services.StaleVersion as stale:
            form.add_error(None, stale.message)
            # Next save starts from the version now saved; the text typed stays in the form.
            form.data = form.data.copy()
            form.data["base_version"] = str(latest.number if latest else 0)
            status = 409
        else:
            messages.success(request, f"Version {version.number} enregistrée.")
            return redirect("reports:bilan_detail", pk=bilan.pk)
    return render(
        request,
        "reports/bilan_edit.html",
        {"bilan": bilan, "form": form, "latest": latest},
        status=status,
    )


@role_required(*REPORT_ROLES)
@require_POST
def bilan_finalise(request, pk):
    bilan = get_bilan_for_user(request.user, pk)
    form = FinaliseForm(request.POST)
    if bilan.is_final or (form.is_valid() and form.cleaned_data["expected_status"] != "draft"):
        messages.info(request, "Action déjà effectuée.")
        return redirect("reports:bilan_detail", pk=bilan.pk)
    if not can_finalise_bilan(request.user, bilan):
        raise Http404
    publish = form.is_valid() and form.cleaned_data["publish"]
    try:
        services.finalise_bilan(bilan, by=request.user, scope=live_scope(bilan), publish=publish)
    except ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        if publish and bilan.centre_id is None:
            from directory.caching import content_changed

            content_changed()
        messages.success(request, "Version finale enregistrée : ses chiffres sont figés.")
    return redirect("reports:bilan_detail", pk=bilan.pk)


@role_required(*REPORT_ROLES)
def bilan_export(request, pk, file_format):
    if file_format not in FORMATS:
        raise Http404
    bilan = get_bilan_for_user(request.user, pk)
    version = latest_version(bilan)
    figures, centres, as_of = bilan_figures(bilan)
    meta = {
        "title": bilan.title,
        "scope_label": bilan.scope_label,
        "start": bilan.period_start,
        "end": bilan.period_end,
        "as_of": as_of,
        "centres": centres,
        "status": BilanStatus(bilan.status).label,
        "version": version,
        "parts": version.parts if version else [],
    }
    build = {
        "csv": exports.figures_csv,
        "xlsx": exports.figures_xlsx,
        "pdf": exports.bilan_pdf,
    }[file_format]
    content = build(figures, meta)
    services.log_export(
        by=request.user,
        objects=[bilan],
        what=f"version {version.number if version else 0}",
        file_format=file_format,
    )
    return attachment(content, file_format, f"bilan-{bilan.pk}-{bilan.period_end:%Y}")
