"""The service's yearly figures on the public site, and the same as open data (CSV).

Only what a final service bilan published: figures frozen and protected by statistical
secrecy (no count from 1 to 4, no name), and only the indicators marked public.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render

from directory.caching import public_page
from reports import exports
from reports.selectors import public_bilans
from reports.typography import french_period
from reports.views.figures import attachment


def _public_figures(bilan) -> list[dict]:
    return [figure for figure in bilan.figures if figure.get("public")]


def _published(year=None):
    bilans = list(public_bilans().only("pk", "title", "period_start", "period_end"))
    years = sorted({bilan.period_end.year for bilan in bilans}, reverse=True)
    if year is None:
        return None, years, bilans
    chosen = next((bilan for bilan in bilans if bilan.period_end.year == year), None)
    return chosen, years, bilans


@login_not_required
@public_page
def public_figures(request):
    """The latest published year, or the one chosen (?annee=2025)."""
    _, years, bilans = _published()
    year = request.GET.get("annee", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    chosen = next((b for b in bilans if b.period_end.year == year), None)
    figures = []
    if chosen is not None:
        chosen = public_bilans().get(pk=chosen.pk)
        figures = exports.with_charts(_public_figures(chosen))
    return render(
        request,
        "reports/public_figures.html",
        {
            "bilan": chosen,
            "year": year,
            "years": years,
            "sections": exports.sections(figures),
            "period": french_period(chosen.period_start, chosen.period_end) if chosen else "",
            "centres": [name for _, name in chosen.frozen_centres] if chosen else [],
        },
    )


@login_not_required
@public_page
def public_figures_csv(request, year):
    chosen, _, _ = _published(year)
    if chosen is None:
        raise Http404
    chosen = public_bilans().get(pk=chosen.pk)
    meta = {"start": chosen.period_start, "end": chosen.period_end}
    return attachment(
        exports.figures_csv(_public_figures(chosen), meta),
        "csv",
        f"chiffres-service-insertion-{year}",
    )
