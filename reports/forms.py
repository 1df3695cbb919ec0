"""Forms of the reports: the period and centres of the figures, a bilan, its written parts."""

import datetime

from django import forms

from reports.models import WRITTEN_PARTS
from reports.registry import AgeBandsError, default_age_bands, format_age_bands, parse_age_bands

MAX_PERIOD_DAYS = 5 * 366


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _check_period(cleaned, form):
    start, end = cleaned.get("start"), cleaned.get("end")
    if start and end:
        if end < start:
            form.add_error("end", "La fin de la période doit être après son début.")
        elif (end - start).days > MAX_PERIOD_DAYS:
            form.add_error("end", "Choisissez une période de cinq ans au plus.")


class AgeBandsField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Tranches d’âge")
        kwargs.setdefault(
            "help_text",
            "Séparées par des virgules, la dernière finit par « + » : par exemple "
            "« 0-10, 11-25, 26-59, 60+ » (tranches de l’observatoire SENACS).",
        )
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_age_bands(value)
        except AgeBandsError as error:
            raise forms.ValidationError(str(error)) from None


class FiguresForm(forms.Form):
    """Read in the query string (GET): no personal data in it, only dates and centres."""

    start = forms.DateField(label="Du", widget=DateInput())
    end = forms.DateField(label="Au (inclus)", widget=DateInput())
    centres = forms.ModelMultipleChoiceField(
        label="Centres",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Plusieurs centres : une colonne « Ensemble » les réunit.",
    )
    ages = AgeBandsField()

    def __init__(self, data, *, centres, default_start, default_end):
        initial = {
            "start": default_start,
            "end": default_end,
            "centres": list(centres),
            "ages": format_age_bands(default_age_bands()),
        }
        if not data or "start" not in data:
            data = None
        super().__init__(data, initial=initial)
        self.fields["centres"].queryset = centres

    def clean(self):
        cleaned = super().clean()
        _check_period(cleaned, self)
        return cleaned

    def values(self) -> dict:
        """The choices: the form's when valid, else the defaults (the page still shows)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data
        return {
            "start": self.initial["start"],
            "end": self.initial["end"],
            "centres": self.initial["centres"],
            "ages": default_age_bands(),
        }


SERVICE = "service"


class BilanCreateForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200)
    scope = forms.ChoiceField(label="Bilan de")
    start = forms.DateField(label="Début de la période", widget=DateInput())
    end = forms.DateField(label="Fin de la période (incluse)", widget=DateInput())
    ages = AgeBandsField()

    def __init__(self, data=None, *, centres, service_allowed, year):
        choices = [(str(centre.pk), centre.name) for centre in centres]
        if service_allowed:
            choices.append((SERVICE, "Le service d’insertion (tous les centres municipaux)"))
        super().__init__(
            data,
            initial={
                "title": f"Bilan {year}",
                "start": datetime.date(year, 1, 1),
                "end": datetime.date(year, 12, 31),
                "ages": format_age_bands(default_age_bands()),
            },
        )
        self.fields["scope"].choices = choices
        self.centres = {str(centre.pk): centre for centre in centres}

    def clean(self):
        cleaned = super().clean()
        _check_period(cleaned, self)
        return cleaned

    def centre(self):
        """The chosen centre, None for the service."""
        return self.centres.get(self.cleaned_data["scope"])


class BilanWritingForm(forms.Form):
    """The written parts; `base_version` is the version the writer started from, so that a
    colleague's save in between is not overwritten silently."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, title, help_text in WRITTEN_PARTS:
            self.fields[field] = forms.CharField(
                label=title,
                help_text=f"{help_text} Aucun nom de personne accompagnée.",
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 6}),
            )


class FinaliseForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    publish = forms.BooleanField(
        label="Publier les chiffres de ce bilan sur le site public (page « Les chiffres du "
        "service »)",
        required=False,
    )
