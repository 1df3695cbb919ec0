"""Merging two files of one person (coordinators, within their centres)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from accounts.models import Role
from audit.services import log_reads
from parcours.permissions import persons_visible_to, role_required
from people.merging import MergeError, differing_fields, merge_persons
from people.models import Person
from people.selectors import likely_duplicates


def _person_for_merge(user, pk) -> Person:
    scoped = persons_visible_to(user, [Role.COORDINATOR]).select_related(
        "centre", "neighbourhood", "referent"
    )
    return get_object_or_404(scoped, pk=pk)


class OtherFileForm(forms.Form):
    other = forms.IntegerField(label="N° de l’autre fiche", min_value=1)


@role_required(Role.COORDINATOR)
def merge_choose(request, pk):
    """Pick the other file: the likely duplicates, or any file number of the centre."""
    person = _person_for_merge(request.user, pk)
    form = OtherFileForm(request.GET or None)
    if form.is_valid():
        other = form.cleaned_data["other"]
        if (
            other != person.pk
            and persons_visible_to(request.user, [Role.COORDINATOR]).filter(pk=other).exists()
        ):
            return redirect("people:merge", pk=person.pk, other_pk=other)
        form.add_error("other", "Aucune autre fiche de vos centres ne porte ce numéro.")
    duplicates = likely_duplicates(
        request.user,
        first_name=person.first_name,
        last_name=person.last_name,
        birth_date=person.birth_date,
        phone=str(person.phone.as_e164) if person.phone else "",
        email=person.email,
        exclude_pk=person.pk,
    )
    log_reads(request, [person, *duplicates], what="Fusion : choix de l’autre fiche")
    return render(
        request,
        "people/merge_choose.html",
        {"person": person, "duplicates": duplicates, "form": form},
    )


def _display(person, name):
    value = getattr(person, name)
    if name in ("sex", "nationality"):
        value = getattr(person, f"get_{name}_display")()
    if name == "birth_date" and value:
        value = value.strftime("%d/%m/%Y")
    return str(value) if value not in (None, "") else "—"


@role_required(Role.COORDINATOR)
def merge(request, pk, other_pk):
    """Compare the two files; for each field that differs, choose the value to keep."""
    kept = _person_for_merge(request.user, pk)
    merged = _person_for_merge(request.user, other_pk)
    fields = differing_fields(kept, merged)
    rows = [
        {
            "name": name,
            "label": Person._meta.get_field(name).verbose_name.capitalize(),
            "kept": _display(kept, name),
            "merged": _display(merged, name),
            # Default: the kept file's value, unless it is empty.
            "take_merged": request.POST.get(
                f"field_{name}", "kept" if getattr(kept, name) not in (None, "") else "merged"
            )
            == "merged",
        }
        for name in fields
    ]
    if request.method == "POST":
        take = [row["name"] for row in rows if row["take_merged"]]
        try:
            merge_persons(kept, merged, take_from_merged=take, by=request.user)
        except MergeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"La fiche n° {merged.pk} est fusionnée dans celle-ci.")
            return redirect("people:file", pk=kept.pk)
    log_reads(request, [kept, merged], what="Fusion : comparaison des deux fiches")
    return render(request, "people/merge.html", {"kept": kept, "merged": merged, "rows": rows})
