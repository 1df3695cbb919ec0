"""Coordination meetings: record one, add action items, close them; open items of earlier
meetings of the centre show in every later meeting until done."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.models import AccessAction
from audit.services import log_access, log_reads
from parcours.permissions import (
    WORKSHOP_ROLES,
    agenda_staff_visible_to,
    meetings_visible_to,
    role_required,
    workshop_centres_for,
)
from workshops.forms import ActionItemForm, MeetingForm
from workshops.meeting_people import linked_people
from workshops.models import ActionItem


def open_items_for(meeting):
    """Action items still open: those of this meeting and of earlier ones of the centre."""
    return (
        ActionItem.objects.filter(
            meeting__centre_id=meeting.centre_id,
            meeting__held_on__lte=meeting.held_on,
            done_at__isnull=True,
        )
        .select_related("owner", "meeting")
        .order_by("due_on", "pk")
    )


def _staff(user):
    return agenda_staff_visible_to(user).order_by("last_name", "first_name")


@role_required(*WORKSHOP_ROLES)
def meeting_list(request):
    meetings = (
        meetings_visible_to(request.user).select_related("centre").order_by("-held_on", "-pk")
    )
    page = Paginator(meetings, 25).get_page(request.GET.get("page"))
    return render(request, "workshops/meeting_list.html", {"page": page})


@role_required(*WORKSHOP_ROLES)
def meeting_create(request):
    form = MeetingForm(
        request.POST or None,
        centres=workshop_centres_for(request.user),
        staff=_staff(request.user),
        initial={"participants": [request.user.pk], "held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting = form.save(commit=False)
            meeting.created_by = request.user
            meeting.save()
            form.save_m2m()
            log_access(
                actor=request.user,
                obj=meeting,
                action=AccessAction.CHANGE,
                detail="Réunion de coordination",
            )
        messages.success(request, "Réunion enregistrée.")
        return redirect("workshops:meeting_detail", pk=meeting.pk)
    return render(request, "workshops/meeting_form.html", {"form": form})


@role_required(*WORKSHOP_ROLES)
def meeting_detail(request, pk):
    meeting = get_object_or_404(meetings_visible_to(request.user).select_related("centre"), pk=pk)
    staff = _staff(request.user)
    edit = MeetingForm(
        request.POST if "meeting" in request.POST else None,
        instance=meeting,
        centres=workshop_centres_for(request.user),
        staff=staff,
    )
    item_form = ActionItemForm(request.POST if "item" in request.POST else None, staff=staff)
    if request.method == "POST":
        if edit.is_bound and edit.is_valid():
            edit.save()
            log_access(
                actor=request.user,
                obj=meeting,
                action=AccessAction.CHANGE,
                detail="Réunion de coordination modifiée",
            )
            messages.success(request, "Réunion enregistrée.")
            return redirect("workshops:meeting_detail", pk=meeting.pk)
        if item_form.is_bound and item_form.is_valid():
            item = item_form.save(commit=False)
            item.meeting = meeting
            item.save()
            log_access(
                actor=request.user, obj=item, action=AccessAction.CHANGE, detail="Action ajoutée"
            )
            messages.success(request, "Action ajoutée.")
            return redirect("workshops:meeting_detail", pk=meeting.pk)
    people, hidden_people = linked_people(meeting, request.user)
    log_reads(request, people, what="Réunion de coordination")
    return render(
        request,
        "workshops/meeting_detail.html",
        {
            "meeting": meeting,
            "people": people,
            "hidden_people": hidden_people,
            "participants": meeting.participants.all(),
            "open_items": open_items_for(meeting),
            "done_items": meeting.action_items.filter(done_at__isnull=False).select_related(
                "owner"
            ),
            "edit": edit,
            "item_form": item_form,
        },
    )


@role_required(*WORKSHOP_ROLES)
@require_POST
def action_done(request, pk):
    item = get_object_or_404(
        ActionItem.objects.filter(meeting__in=meetings_visible_to(request.user).values("pk")),
        pk=pk,
    )
    updated = ActionItem.objects.filter(pk=item.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=request.user
    )
    if updated:
        log_access(actor=request.user, obj=item, action=AccessAction.CHANGE, detail="Action faite")
        messages.success(request, "Action marquée comme faite.")
    else:
        messages.info(request, "Action déjà effectuée.")
    back = request.POST.get("meeting")
    if back and back.isdigit() and meetings_visible_to(request.user).filter(pk=back).exists():
        return redirect("workshops:meeting_detail", pk=int(back))
    return redirect("workshops:meeting_detail", pk=item.meeting_id)
