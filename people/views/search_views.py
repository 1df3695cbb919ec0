"""The desk's two first screens: find a person, or register them after checking duplicates."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from organisations.models import Centre
from parcours.permissions import (
    PERSON_FILE_ROLES,
    centre_ids_for,
    role_required,
)
from people.forms import RegisterForm, SearchForm
from people.selectors import likely_duplicates, parse_search, search_persons
from people.services import register_person

PAGE_SIZE = 20


@role_required(*PERSON_FILE_ROLES)
def search(request):
    form = SearchForm(request.GET or None)
    page = None
    text = ""
    if form.is_valid():
        text = form.cleaned_data["q"]
        query = parse_search(text)
        if not query.is_empty:
            page = Paginator(search_persons(request.user, query), PAGE_SIZE).get_page(
                request.GET.get("page")
            )
    return render(request, "people/search.html", {"form": form, "page": page, "q": text})


def _centres_for_registration(request):
    return Centre.objects.filter(pk__in=centre_ids_for(request.user, PERSON_FILE_ROLES))


@role_required(*PERSON_FILE_ROLES)
def register(request):
    """Register a person; likely duplicates are shown first and must be waved through."""
    centres = _centres_for_registration(request)
    duplicates = []
    if request.method == "POST":
        form = RegisterForm(request.POST, centres=centres)
        if form.is_valid():
            data = form.cleaned_data
            duplicates = likely_duplicates(
                request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data["birth_date"],
                phone=data["phone"] or "",
                email=data["email"],
            )
            if not duplicates or data["confirm_distinct"]:
                identity = {
                    k: v for k, v in data.items() if k not in ("confirm_distinct", "centre")
                }
                identity["phone"] = identity["phone"] or ""
                person = register_person(by=request.user, centre=data["centre"], **identity)
                messages.success(request, f"La fiche de {person.full_name} est créée.")
                return redirect("people:file", pk=person.pk)
    else:
        acting = getattr(request, "acting_centre", None)
        initial = {}
        if acting:
            initial["centre"] = acting.pk
        query = parse_search(request.GET.get("q", ""))
        if query.birth_date:
            initial["birth_date"] = query.birth_date
        form = RegisterForm(initial=initial, centres=centres)
    return render(request, "people/register.html", {"form": form, "duplicates": duplicates})
