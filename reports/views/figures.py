"""The figures of any period, for the centres the user reads; and their exports."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from parcours.permissions import REPORT_ROLES, report_centres_for, role_required
from reports import exports
from reports.forms import FiguresForm
from reports.registry import format_age_bands
from reports.selectors import current_year_bounds, scope_of
from reports.services import log_export
from reports.snapshots import figures_for
from reports.typography import french_period

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _form(request):
    start, end = current_year_bounds()
    return FiguresForm(
        request.GET,
        centres=report_centres_for(request.user),
        default_start=start,
        default_end=end,
    )


def _scope(form):
    values = form.values()
    return scope_of(values["centres"], values["start"], values["end"], values["ages"])


@role_required(*REPORT_ROLES)
def figures(request):
    """Indicators for the chosen period and centres: definitions, charts, tables."""
    form = _form(request)
    scope = _scope(form)
    result = figures_for(scope) if scope.centres else None
    figures = result.figures if result else []
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "reports/figures.html",
        {
            "form": form,
            "scope": scope,
            "computed": result,
            "sections": exports.sections(exports.with_charts(figures)),
            "period": french_period(scope.start, scope.end),
            "ages": format_age_bands(scope.age_bands),
            "export_query": query,
        },
    )


def attachment(content: bytes, file_format: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


@role_required(*REPORT_ROLES)
def figures_export(request, file_format):
    """The page's figures as CSV, XLSX or PDF; every export goes to the access log."""
    if file_format not in FORMATS:
        raise Http404
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('reports:figures')}?{request.GET.urlencode()}")
    scope = _scope(form)
    if not scope.centres:
        raise Http404
    result = figures_for(scope)
    figures = result.figures
    meta = {
        "title": "Indicateurs du service d’insertion",
        "scope_label": ", ".join(name for _, name in scope.centres),
        "start": scope.start,
        "end": scope.end,
        "as_of": result.as_of,
        "centres": [name for _, name in scope.centres],
        "status": "Chiffres calculés à la demande",
    }
    build = {
        "csv": exports.figures_csv,
        "xlsx": exports.figures_xlsx,
        "pdf": exports.bilan_pdf,
    }[file_format]
    content = build(figures, meta)
    centres = list(report_centres_for(request.user).filter(pk__in=scope.centre_ids))
    log_export(
        by=request.user,
        objects=centres,
        what=f"indicateurs {french_period(scope.start, scope.end)}",
        file_format=file_format,
    )
    filename = f"indicateurs-{scope.start:%Y-%m-%d}-{scope.end:%Y-%m-%d}"
    return attachment(content, file_format, filename)
