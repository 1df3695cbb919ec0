"""The user's own notifications: "Nouveautés pour moi", marked read, and the digest preference."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from notifications import inbox
from notifications.forms import DigestPreferenceForm
from parcours.permissions import STAFF_ROLES, role_required

PAGE_SIZE = 20


@role_required(*STAFF_ROLES)
def inbox_list(request):
    page = Paginator(inbox.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    form = DigestPreferenceForm(initial={"daily_digest": inbox.wants_digest(request.user)})
    return render(request, "notifications/inbox.html", {"page": page, "form": form})


@role_required(*STAFF_ROLES)
@require_POST
def open_notification(request, pk):
    """Mark one notification read and go where it points (only the user's own: else 404)."""
    notification = get_object_or_404(inbox.notifications_for(request.user), pk=pk)
    inbox.mark_read(notification)
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@role_required(*STAFF_ROLES)
@require_POST
def mark_all_read(request):
    count = inbox.mark_all_read(request.user)
    if count:
        messages.success(
            request,
            "Toutes vos nouveautés sont marquées comme lues."
            if count > 1
            else "Votre nouveauté est marquée comme lue.",
        )
    else:
        messages.info(request, "Action déjà effectuée.")
    return redirect("notifications:inbox")


@role_required(*STAFF_ROLES)
@require_POST
def digest_preference(request):
    form = DigestPreferenceForm(request.POST)
    form.is_valid()
    wanted = form.cleaned_data.get("daily_digest", False)
    inbox.set_digest_preference(request.user, daily_digest=wanted)
    messages.success(
        request,
        "Récapitulatif quotidien activé : vous le recevrez chaque matin s’il y a du nouveau."
        if wanted
        else "Récapitulatif quotidien arrêté : vous ne recevrez plus cet e-mail.",
    )
    return redirect("notifications:inbox")
