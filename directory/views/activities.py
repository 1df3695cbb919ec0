from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from directory import selectors
from directory.caching import public_page
from directory.forms import ActivityFilterForm, FindCentreForm


@login_not_required
@public_page
def activity_list(request):
    form = ActivityFilterForm(request.GET or None)
    kind, neighbourhood = "", None
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        neighbourhood = form.cleaned_data["neighbourhood"]
    activities = selectors.published_activities(kind=kind, neighbourhood=neighbourhood)
    page = Paginator(activities, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/activity_list.html",
        {"form": form, "page_obj": page, "query": query.urlencode()},
    )


@login_not_required
@csrf_exempt
@public_page
def find_centre(request):
    """Which centre is mine? From a street address or a neighbourhood; no outside service.

    The form is POSTed so that the resident's address never lands in a URL (server logs,
    browser history, Referer). The search changes nothing and the page may be cached for
    every visitor, so it carries no CSRF token (csrf_exempt).
    """
    form = FindCentreForm(request.POST if request.method == "POST" else None)
    streets, neighbourhood, all_neighbourhoods = [], None, []
    searched = form.is_bound and form.is_valid()
    if searched:
        neighbourhood = form.cleaned_data["neighbourhood"]
        if form.cleaned_data["address"]:
            streets = selectors.find_streets(form.cleaned_data["address"])
            if not streets or streets[0].neighbourhood_id is None:
                # Unknown street, or best match without its neighbourhood yet: all of them.
                all_neighbourhoods = selectors.neighbourhoods_with_centres()
    return render(
        request,
        "directory/find_centre.html",
        {
            "form": form,
            "searched": searched,
            "streets": streets,
            "neighbourhood": neighbourhood,
            "all_neighbourhoods": all_neighbourhoods,
        },
    )
