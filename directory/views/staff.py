"""Directors edit their centre's public page: opening hours of each site, activities
(texts and articles: views/editorial.py)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from directory import services
from directory.forms import ActivityForm, SiteHoursForm
from directory.models import Activity, SiteDetails
from directory.reference import INTRO_KEY
from organisations.models import Site
from parcours.french import de
from parcours.permissions import (
    PUBLIC_CONTENT_ROLES,
    can_edit_page_text,
    centres_editable_by,
    role_required,
)


@role_required(*PUBLIC_CONTENT_ROLES)
def content_home(request):
    centres = centres_editable_by(request.user).prefetch_related("sites__details", "activities")
    return render(
        request,
        "directory/staff/content_home.html",
        {
            "centres": centres,
            "intro_key": INTRO_KEY if can_edit_page_text(request.user) else None,
        },
    )


@role_required(*PUBLIC_CONTENT_ROLES)
def site_hours(request, site_pk):
    site = get_object_or_404(
        Site.objects.select_related("centre", "details").filter(
            centre__in=centres_editable_by(request.user)
        ),
        pk=site_pk,
    )
    # A site added after the reference data has no details row yet: saved on POST only.
    details = getattr(site, "details", None) or SiteDetails(site=site)
    form = SiteHoursForm(request.POST or None, instance=details)
    if request.method == "POST" and form.is_valid():
        services.update_site_hours(
            details, opening_hours=form.cleaned_data["opening_hours"], by=request.user
        )
        messages.success(request, f"Horaires {de(site.name)} enregistrés.")
        return redirect("directory:content_home")
    return render(request, "directory/staff/site_hours.html", {"form": form, "site": site})


@role_required(*PUBLIC_CONTENT_ROLES)
def activity_edit(request, slug, pk=None):
    centre = get_object_or_404(centres_editable_by(request.user), slug=slug)
    activity = (
        get_object_or_404(Activity.objects.filter(centre=centre), pk=pk)
        if pk
        else Activity(centre=centre)
    )
    form = ActivityForm(request.POST or None, instance=activity, centre=centre)
    if request.method == "POST" and form.is_valid():
        services.save_activity(form.save(commit=False), by=request.user)
        messages.success(request, f"Activité « {activity.title} » enregistrée.")
        return redirect("directory:content_home")
    return render(
        request,
        "directory/staff/activity_form.html",
        {"form": form, "centre": centre, "activity": activity},
    )
