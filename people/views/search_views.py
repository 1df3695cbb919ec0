"""The desk's two first screens: find a person, or register them after checking duplicates.

Privacy: what the desk types (a name, a birth date, a phone number) never goes into a URL,
where it would land in access logs and in the browser's history. The search form is
POSTed, the query is kept in the user's session, and the results page (POST/redirect/GET)
carries only `?page=N`. The register form's prefill comes from the same session key.
"""

import contextlib

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters

from audit.services import log_reads
from organisations.models import Centre
from parcours.french import de
from parcours.idempotency import FIELD as IDEMPOTENCY_FIELD
from parcours.idempotency import AlreadySubmitted, check_not_submitted, submitted_once
from parcours.paging import LimitPage
from parcours.permissions import (
    PERSON_FILE_ROLES,
    centre_ids_for,
    role_required,
)
from people.forms import RegisterForm, SearchForm
from people.normalise import parse_birth_date
from people.selectors import (
    exists_in_another_centre,
    likely_duplicates,
    parse_search,
    search_persons,
)
from people.services import register_person
from reception.services import ActionAlreadyDone

PAGE_SIZE = 20
# The desk's current search, kept server-side in the session (never in the URL).
SEARCH_SESSION_KEY = "people:search"
# The register link from the results carries this flag (no personal data) to prefill.
PREFILL_PARAMETER = "depuis"
PREFILL_FROM_SEARCH = "recherche"
# From a contact request of the public site: `?depuis=contact&demande=<pk>`.
PREFILL_FROM_CONTACT = "contact"
SWAP_BUTTON = "inverser"


@role_required(*PERSON_FILE_ROLES)
@sensitive_post_parameters("q")
def search(request):
    """POST stores the query and redirects; GET shows the results of the stored query."""
    if request.method == "POST":
        if "new" in request.POST:
            request.session.pop(SEARCH_SESSION_KEY, None)
            return redirect("people:search")
        form = SearchForm(request.POST)
        if form.is_valid():
            if form.cleaned_data["q"]:
                request.session[SEARCH_SESSION_KEY] = form.cleaned_data["q"]
            else:
                request.session.pop(SEARCH_SESSION_KEY, None)
            return redirect("people:search")
        return _search_page(request, form, text="", page=None)
    text = request.session.get(SEARCH_SESSION_KEY, "")
    page = None
    query = parse_search(text)
    if not query.is_empty:
        # No COUNT: the page and one row more ("Page suivante"), one query.
        number = LimitPage.parse_number(request.GET.get("page"))
        found = search_persons(request.user, query, limit=number * PAGE_SIZE + 1)
        page = LimitPage(found, number, PAGE_SIZE)
        log_reads(request, page.object_list, what="Résultats de recherche")
    return _search_page(request, SearchForm(initial={"q": text}), text=text, page=page)


def _search_page(request, form, *, text, page):
    register_url = reverse("people:register")
    if text:
        register_url += f"?{PREFILL_PARAMETER}={PREFILL_FROM_SEARCH}"
    return render(
        request,
        "people/search.html",
        {"form": form, "page": page, "q": text, "register_url": register_url},
    )


def _centres_for_registration(request):
    return Centre.objects.filter(pk__in=centre_ids_for(request.user, PERSON_FILE_ROLES))


def _prefill_from_search(request) -> dict:
    """What the desk's current search says about the person: names, birth date, phone.

    The search box does not say which word is the first name: the first word is taken as the
    last name (the desk types "ndiaye élodie"), the rest as the first name, as typed (accents
    kept); the form shows both and offers "Inverser nom et prénom".
    """
    if request.GET.get(PREFILL_PARAMETER) != PREFILL_FROM_SEARCH:
        return {}
    text = request.session.get(SEARCH_SESSION_KEY, "")
    query = parse_search(text)
    initial = {}
    if query.birth_date:
        initial["birth_date"] = query.birth_date
    if query.phone:
        initial["phone"] = query.phone
    else:
        words = [word for word in text.split() if not parse_birth_date(word)]
        if words:
            initial["last_name"] = words[0]
            initial["first_name"] = " ".join(words[1:])
    return initial


def _contact_for_registration(request):
    """The public site's contact request the agent registers the person from, if any."""
    from reception.contact_calls import contact_requests_visible_to

    pk = request.GET.get("demande", "")
    if request.GET.get(PREFILL_PARAMETER) != PREFILL_FROM_CONTACT or not pk.isdigit():
        return None
    return get_object_or_404(
        contact_requests_visible_to(request.user).filter(person__isnull=True), pk=pk
    )


def _swapped(request, centres):
    """ "Inverser nom et prénom": the same form, unvalidated, with the two names swapped."""
    data = request.POST.copy()
    data["first_name"], data["last_name"] = (
        request.POST.get("last_name", ""),
        request.POST.get("first_name", ""),
    )
    return RegisterForm(initial=data.dict(), centres=centres)


@role_required(*PERSON_FILE_ROLES)
@sensitive_post_parameters()
def register(request):
    """Register a person; likely duplicates are shown first and must be waved through.

    Duplicates are searched in the user's own centres only. A file with the same names and
    birth date in another centre is only mentioned, neutrally: never which centre, which
    file, nor any of its fields.
    """
    centres = _centres_for_registration(request)
    contact = _contact_for_registration(request)
    duplicates = []
    elsewhere = False
    if request.method == "POST" and SWAP_BUTTON in request.POST:
        form = _swapped(request, centres)
    elif request.method == "POST":
        form = RegisterForm(request.POST, centres=centres)
        if form.is_valid():
            data = form.cleaned_data
            try:
                check_not_submitted(request.user, data.get(IDEMPOTENCY_FIELD))
            except AlreadySubmitted as already:
                messages.info(request, AlreadySubmitted.message)
                return redirect(already.url or "people:search")
            duplicates = likely_duplicates(
                request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                phone=data["phone"] or "",
                email=data["email"],
            )
            elsewhere = exists_in_another_centre(
                request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
            )
            if not (duplicates or elsewhere) or data["confirm_distinct"]:
                identity = {
                    k: v
                    for k, v in data.items()
                    if k not in ("confirm_distinct", "centre", "version", IDEMPOTENCY_FIELD)
                }
                identity["phone"] = identity["phone"] or ""
                try:
                    with submitted_once(request.user, data.get(IDEMPOTENCY_FIELD)) as done:
                        person = register_person(by=request.user, centre=data["centre"], **identity)
                        done.result_url = reverse("people:file", kwargs={"pk": person.pk})
                except AlreadySubmitted as already:
                    messages.info(request, AlreadySubmitted.message)
                    return redirect(already.url or "people:search")
                if contact is not None:
                    from reception.contact_calls import link_person

                    with contextlib.suppress(ActionAlreadyDone, ValueError):
                        link_person(contact, person, by=request.user)
                messages.success(request, f"La fiche {de(person.full_name)} est créée.")
                return redirect("people:file", pk=person.pk)
    else:
        acting = getattr(request, "acting_centre", None)
        if contact is not None:
            from reception.contact_calls import registration_prefill

            initial = registration_prefill(contact)
        else:
            initial = _prefill_from_search(request)
        if acting:
            initial["centre"] = acting.pk
        form = RegisterForm(initial=initial, centres=centres)
    if duplicates:
        log_reads(request, duplicates, what="Inscription : doublons possibles")
    return render(
        request,
        "people/register.html",
        {"form": form, "duplicates": duplicates, "elsewhere": elsewhere, "contact": contact},
    )
