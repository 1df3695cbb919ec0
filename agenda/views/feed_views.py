"""The staff member's private calendar address: create, change, revoke; the feed itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from agenda import feeds
from agenda.forms import FeedForm
from agenda.models import CalendarFeed
from parcours.permissions import AGENDA_ROLES, role_required


@role_required(*AGENDA_ROLES)
def feed_settings(request):
    active = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    form = FeedForm(
        request.POST or None,
        initial={"include_initials": active.include_initials if active else False},
    )
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "revoke":
            feeds.revoke_feeds(request.user)
            messages.success(
                request, "L’adresse de votre agenda est révoquée : elle ne marche plus."
            )
        else:
            token = feeds.create_feed(
                request.user, include_initials=form.cleaned_data["include_initials"]
            )
            url = request.build_absolute_uri(reverse("agenda:feed", kwargs={"token": token}))
            messages.success(
                request,
                f"Nouvelle adresse de votre agenda (copiez-la maintenant, elle ne sera plus "
                f"affichée) : {url}",
            )
        return redirect("agenda:feed_settings")
    return render(request, "agenda/feed_settings.html", {"active": active, "form": form})


@login_not_required
@never_cache
def feed(request, token):
    """Public by design: the secret is the address. A revoked or unknown token: 404."""
    active = feeds.active_feed_for_token(token)
    if active is None or not active.user.is_active:
        raise Http404("Agenda introuvable.")
    response = HttpResponse(feeds.calendar_for(active), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="parcours.ics"'
    return response
