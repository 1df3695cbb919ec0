"""The person's file: summary, timeline, notes, information notice and consents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.models import Role
from audit.services import log_reads
from organisations.models import Centre
from parcours.idempotency import FIELD as IDEMPOTENCY_FIELD
from parcours.idempotency import AlreadySubmitted, submitted_once
from parcours.permissions import (
    PERSON_CASE_ROLES,
    PERSON_FILE_ROLES,
    can_assign_referent,
    can_edit_person,
    can_edit_situation,
    can_merge_persons,
    can_read_notes,
    centre_ids_for,
    get_person_for_user,
    role_required,
)
from people.forms import (
    ConsentForm,
    NoteForm,
    NoticeForm,
    PersonForm,
    ReferentForm,
    SituationForm,
)
from people.models import ChangeKind, Person, SharingConsent
from people.selectors import active_consents, latest_notice, referent_candidates
from people.services import (
    IDENTITY_FIELDS,
    StaleFile,
    add_note,
    assign_referent,
    record_consent,
    record_notice_delivery,
    update_person,
    update_situation,
    withdraw_consent,
)
from people.timeline import TimelineCursor, summary_for, timeline_page

TIMELINE_PAGE_SIZE = 20


def _merged_file_redirect(user, pk):
    """A bookmark to a merged file leads to the file it was merged into, within scope."""
    merged = (
        Person.objects.filter(
            pk=pk,
            merged_into__isnull=False,
            centre_id__in=centre_ids_for(user, PERSON_FILE_ROLES),
        )
        .values_list("merged_into", flat=True)
        .first()
    )
    if merged is None:
        raise Http404("Fiche introuvable.")
    return redirect("people:file", pk=merged)


@role_required(*PERSON_FILE_ROLES)
def person_file(request, pk):
    """The file page. The one GET that writes: every read of a file is logged (who, when)."""
    try:
        person = get_person_for_user(request.user, pk)
    except Http404:
        return _merged_file_redirect(request.user, pk)
    log_reads(request, person, what="Fiche")
    user = request.user
    case = can_read_notes(user, person)
    # A page of the timeline read from its providers, not the whole history: after the
    # cursor of "Entrées plus anciennes", or the N-th page (?page=N).
    cursor = TimelineCursor.parse(request.GET.get("avant"))
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        number = 1
    page = timeline_page(person, user, size=TIMELINE_PAGE_SIZE, cursor=cursor, number=number)
    context = {
        "person": person,
        "summary": summary_for(person, user),
        "page": page,
        "can_read_case": case,
        "can_edit": can_edit_person(user, person),
        "can_merge": can_merge_persons(user)
        and person.centre_id in centre_ids_for(user, [Role.COORDINATOR]),
    }
    if case:
        context["note_form"] = NoteForm()
    context["can_assign_referent"] = can_assign_referent(user, person)
    if context["can_assign_referent"]:
        context["referent_form"] = ReferentForm(
            initial={"referent": person.referent_id}, candidates=referent_candidates(person)
        )
    context["can_edit_situation"] = can_edit_situation(user, person)
    if context["can_edit_situation"]:
        context["situation_form"] = SituationForm(initial=SituationForm.initial_for(person))
    return render(request, "people/file.html", context)


@role_required(*PERSON_FILE_ROLES)
@sensitive_post_parameters()
def edit(request, pk):
    person = get_person_for_user(request.user, pk)
    centres = Centre.objects.filter(pk__in=centre_ids_for(request.user, PERSON_FILE_ROLES))
    form = PersonForm(
        request.POST or None, instance=None, initial=_identity(person), centres=centres
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k in IDENTITY_FIELDS}
        changes["phone"] = changes["phone"] or ""
        try:
            changed = update_person(
                person,
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
                **changes,
            )
        except StaleFile as stale:
            form = _stale_form(PersonForm, request, stale, person, centres=centres)
            form.add_error(None, stale.message({ChangeKind.IDENTITY}))
        else:
            messages.success(
                request, "La fiche est mise à jour." if changed else "Aucune modification."
            )
            return redirect("people:file", pk=person.pk)
    log_reads(request, person, what="Modification de l’identité")
    return render(request, "people/edit.html", {"person": person, "form": form})


def _identity(person):
    values = {name: getattr(person, name) for name in PersonForm.Meta.fields}
    values["centre"] = person.centre_id
    values["neighbourhood"] = person.neighbourhood_id
    values["version"] = person.version
    return values


def _stale_form(form_class, request, stale, person, **kwargs):
    """The user's own input, bound again, with the file's current version: saving again
    confirms it over the colleague's change (which the error message names)."""
    person.refresh_from_db(fields=["version"])
    data = request.POST.copy()
    data["version"] = person.version
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def _get_case_person(request, pk):
    """The person, for a change to the case part: 404 outside the file scope, 403 for
    reception (who may see the file but not its case part)."""
    person = get_person_for_user(request.user, pk)
    if not can_read_notes(request.user, person):
        raise PermissionDenied("Seule l’équipe insertion du centre accède à cette partie.")
    return person


@role_required(*PERSON_CASE_ROLES)
@require_POST
def note_add(request, pk):
    person = _get_case_person(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        values = dict(form.cleaned_data)
        key = values.pop(IDEMPOTENCY_FIELD, None)
        try:
            with submitted_once(request.user, key):
                add_note(person, by=request.user, **values)
        except AlreadySubmitted:
            messages.info(request, AlreadySubmitted.message)
        else:
            messages.success(request, "La note est enregistrée.")
        return redirect("people:file", pk=person.pk)
    log_reads(request, person, what="Note")
    return render(request, "people/note_form.html", {"person": person, "form": form})


@role_required(*PERSON_CASE_ROLES)
@require_POST
def referent(request, pk):
    """Become the person's referent (one button), or choose a colleague of the centre."""
    person = get_person_for_user(request.user, pk)
    if not can_assign_referent(request.user, person):
        raise PermissionDenied("Seule l’équipe insertion du centre choisit la personne référente.")
    form = ReferentForm(request.POST, candidates=referent_candidates(person))
    if form.is_valid():
        chosen = form.cleaned_data["referent"]
        if not assign_referent(person, chosen, by=request.user):
            messages.info(request, "Action déjà effectuée.")
        elif chosen == request.user:
            messages.success(request, "Vous êtes désormais référent·e de cette personne.")
        else:
            name = chosen.get_full_name() or chosen.email
            messages.success(request, f"{name} est désormais référent·e de cette personne.")
        return redirect("people:file", pk=person.pk)
    log_reads(request, person, what="Référent·e")
    return render(request, "people/referent_form.html", {"person": person, "form": form})


@role_required(*PERSON_CASE_ROLES)
@require_POST
def situation(request, pk):
    """Update the person's situation (employment, resources, housing, mobility)."""
    person = get_person_for_user(request.user, pk)
    if not can_edit_situation(request.user, person):
        raise PermissionDenied("Seule l’équipe insertion du centre met à jour la situation.")
    form = SituationForm(request.POST)
    if form.is_valid():
        values = dict(form.cleaned_data)
        expected = values.pop("version", None)
        try:
            changed = update_situation(person, by=request.user, expected_version=expected, **values)
        except StaleFile as stale:
            form = _stale_form(SituationForm, request, stale, person)
            form.add_error(None, stale.message({ChangeKind.SITUATION}))
        else:
            messages.success(
                request, "La situation est mise à jour." if changed else "Aucune modification."
            )
            return redirect("people:file", pk=person.pk)
    log_reads(request, person, what="Situation")
    return render(request, "people/situation_form.html", {"person": person, "form": form})


@role_required(*PERSON_CASE_ROLES)
def notice_print(request, pk):
    """The information notice, in plain French, to print and give to the person."""
    person = _get_case_person(request, pk)
    log_reads(request, person, what="Impression de la notice d’information")
    return render(request, "people/notice.html", {"person": person, "today": timezone.localdate()})


@role_required(*PERSON_CASE_ROLES)
def consents(request, pk):
    """Record that the notice was given, and what the person agrees to share with whom."""
    person = _get_case_person(request, pk)
    notice_form = NoticeForm(prefix="notice")
    consent_form = ConsentForm(prefix="consent")
    if request.method == "POST":
        if "notice-delivered_on" in request.POST:
            notice_form = NoticeForm(request.POST, prefix="notice")
            if notice_form.is_valid():
                record_notice_delivery(person, by=request.user, **notice_form.cleaned_data)
                messages.success(request, "La remise de la notice est enregistrée.")
                return redirect("people:consents", pk=person.pk)
        else:
            consent_form = ConsentForm(request.POST, prefix="consent")
            if consent_form.is_valid():
                record_consent(person, by=request.user, **consent_form.cleaned_data)
                messages.success(request, "L’accord de partage est enregistré.")
                return redirect("people:consents", pk=person.pk)
    log_reads(request, person, what="Accords de partage")
    return render(
        request,
        "people/consents.html",
        {
            "person": person,
            "notice": latest_notice(person),
            "consents": active_consents(person),
            "notice_form": notice_form,
            "consent_form": consent_form,
        },
    )


@role_required(*PERSON_CASE_ROLES)
@require_POST
def consent_withdraw(request, pk, consent_pk):
    person = _get_case_person(request, pk)
    consent = get_object_or_404(SharingConsent, pk=consent_pk, person=person)
    if withdraw_consent(consent, by=request.user, withdrawn_on=timezone.localdate()):
        messages.success(request, f"L’accord de partage avec {consent.partner} est retiré.")
    else:
        messages.info(request, "Action déjà effectuée.")
    return redirect("people:consents", pk=person.pk)
