from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import render

from directory import open_data
from directory.caching import public_page
from directory.models import Activity
from organisations.models import Centre, Site

SITES = Prefetch("sites", queryset=Site.objects.select_related("details").order_by("position"))


def _json(records):
    return JsonResponse(
        [record.model_dump(mode="json", exclude_none=True) for record in records],
        safe=False,
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@login_not_required
@public_page
def index(request):
    from reports.selectors import public_bilans

    # The service's yearly figures are linked only once a bilan has published some.
    years = sorted({end.year for end in public_bilans().values_list("period_end", flat=True)})
    return render(request, "directory/open_data.html", {"figures_years": years[::-1]})


@login_not_required
@public_page
def structures(request):
    centres = (
        Centre.objects.select_related("page")
        .prefetch_related(SITES, "neighbourhoods")
        .order_by("position", "name")
    )
    return _json(open_data.structure(centre) for centre in centres)


@login_not_required
@public_page
def services(request):
    activities = (
        Activity.objects.filter(is_published=True)
        .select_related("centre", "site__details")
        .prefetch_related(Prefetch("centre__sites", queryset=SITES.queryset))
        .order_by("centre__position", "position", "pk")
    )
    return _json(open_data.service(activity) for activity in activities)
