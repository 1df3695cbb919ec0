"""People discussed in a coordination meeting, linked to their files.

The author picks people among those whose case file they read
(`meeting_persons_visible_to`), found by name as on the search page (the name typed is
POSTed, never put in a URL). On the meeting's page a viewer sees, for each linked person,
the name, the note and a link to the file only when that viewer may read the file too;
the others are counted ("1 personne d’un autre centre"), never named. The link shows on
the person's timeline for whoever sees both the meeting and the person's case file.
"""

from django import forms
from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.models import AccessAction
from audit.services import log_access, log_reads
from parcours.permissions import (
    WORKSHOP_ROLES,
    can_read_notes,
    meeting_persons_visible_to,
    meetings_visible_to,
    role_required,
)
from parcours.validators import validate_free_text
from people.timeline import TimelineEntry, latest
from workshops.models import MeetingPerson

SEARCH_LIMIT = 10


def linked_people(meeting, user):
    """(links the user may see, number of the others), in one query whatever their number."""
    visible = meeting_persons_visible_to(user).filter(pk=OuterRef("person_id"))
    links = list(
        MeetingPerson.objects.filter(meeting=meeting)
        .annotate(shown=Exists(visible))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    shown = [link for link in links if link.shown]
    return shown, len(links) - len(shown)


class LinkForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Note (facultatif)",
        max_length=300,
        required=False,
        validators=[validate_free_text],
        help_text="Ce qui a été dit ou décidé pour cette personne, en une phrase.",
    )


def _search(user, query):
    from people.selectors import parse_search, search_persons

    parsed = parse_search(query)
    if parsed.is_empty:
        return []
    ids = [p.pk for p in search_persons(user, parsed, limit=SEARCH_LIMIT)[:SEARCH_LIMIT]]
    found = meeting_persons_visible_to(user).filter(pk__in=ids).select_related("centre")
    by_pk = {person.pk: person for person in found}
    return [by_pk[pk] for pk in ids if pk in by_pk]


@role_required(*WORKSHOP_ROLES)
def link_people(request, pk):
    meeting = get_object_or_404(meetings_visible_to(request.user).select_related("centre"), pk=pk)
    query = request.POST.get("q", "")[:200] if request.method == "POST" else ""
    failed = None  # a link form with errors, shown on its row
    if request.method == "POST" and "link" in request.POST:
        form = LinkForm(request.POST)
        if form.is_valid():
            person = (
                meeting_persons_visible_to(request.user)
                .filter(pk=form.cleaned_data["person"])
                .first()
            )
            if person is None:
                raise Http404
            link, created = MeetingPerson.objects.get_or_create(
                meeting=meeting,
                person=person,
                defaults={"note": form.cleaned_data["note"].strip(), "added_by": request.user},
            )
            if created:
                log_access(
                    actor=request.user,
                    obj=meeting,
                    action=AccessAction.CHANGE,
                    detail="Personne évoquée liée à la réunion",
                    person_ids=[person.pk],
                )
                messages.success(request, f"{person.full_name} : liée à la réunion.")
            else:
                messages.info(request, "Action déjà effectuée.")
            return redirect("workshops:meeting_detail", pk=meeting.pk)
        failed = form
    results = _search(request.user, query) if query.strip() else []
    shown, hidden = linked_people(meeting, request.user)
    linked_ids = {link.person_id for link in shown}
    rows = []
    for person in results:
        row_failed = failed if failed and str(person.pk) == failed.data.get("person") else None
        rows.append((person, person.pk in linked_ids, row_failed))
    log_reads(request, [*results, *shown], what="Personnes évoquées en réunion")
    return render(
        request,
        "workshops/meeting_people.html",
        {
            "meeting": meeting,
            "query": query,
            "searched": request.method == "POST",
            "rows": rows,
            "shown": shown,
            "hidden": hidden,
        },
        status=400 if failed else 200,
    )


@role_required(*WORKSHOP_ROLES)
@require_POST
def unlink(request, pk):
    meetings = meetings_visible_to(request.user)
    link = (
        MeetingPerson.objects.filter(
            meeting__in=meetings.values("pk"),
            person__in=meeting_persons_visible_to(request.user).values("pk"),
        )
        .select_related("meeting")
        .filter(pk=pk)
        .first()
    )
    if link is None:
        # A second click on a stale button: the link is gone already.
        back = request.POST.get("meeting", "")
        if back.isdigit() and meetings.filter(pk=back).exists():
            messages.info(request, "Action déjà effectuée.")
            return redirect("workshops:meeting_detail", pk=int(back))
        raise Http404
    MeetingPerson.objects.filter(pk=link.pk).delete()
    log_access(
        actor=request.user,
        obj=link.meeting,
        action=AccessAction.CHANGE,
        detail="Personne évoquée retirée de la réunion",
        person_ids=[link.person_id],
    )
    messages.success(request, "Personne retirée de la réunion.")
    return redirect("workshops:meeting_detail", pk=link.meeting_id)


def meeting_entries(person, user, *, before=None, limit=None):
    """The meetings that discussed the person, for whoever sees the meeting and reads the
    person's case file: one query, newest first (bounded: `people.timeline.latest`)."""
    if not can_read_notes(user, person):
        return []
    links = latest(
        MeetingPerson.objects.filter(
            person=person, meeting__in=meetings_visible_to(user).values("pk")
        ).select_related("meeting__centre"),
        "meeting__held_on",
        before,
        limit,
    )
    return [
        TimelineEntry(
            date=link.meeting.held_on,
            kind="meeting",
            title=f"Évoqué·e en réunion de coordination – {link.meeting.centre.name}",
            detail=link.note,
            url=reverse("workshops:meeting_detail", kwargs={"pk": link.meeting_id}),
        )
        for link in links
    ]
