from django import forms

from directory.models import CallOutcome
from parcours.idempotency import IdempotentFormMixin
from parcours.validators import DESCRIPTION_MAX_LENGTH, validate_free_text
from reception.models import (
    RequestStatus,
    RequestUrgency,
    TakeOverReason,
    VisitOutcome,
    VisitReason,
)
from reception.needs import allowed_codes, need_choices


class VisitForm(IdempotentFormMixin, forms.Form):
    """The desk form: three clicks. The person comes from the search (`?person=`), or none."""

    site = forms.ModelChoiceField(
        queryset=None,
        label="Site",
        empty_label=None,
        widget=forms.Select(attrs={"autofocus": True}),
    )
    reason = forms.ChoiceField(
        label="Motif du passage", choices=VisitReason.choices, widget=forms.RadioSelect
    )
    outcome = forms.ChoiceField(
        label="Suite donnée", choices=VisitOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note pour la coordination (facultatif)",
        required=False,
        max_length=300,
        validators=[validate_free_text],
        help_text="Quelques mots utiles au relais, sans information de santé ni jugement.",
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = lambda site: site.name


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group (a theme), filterable by a few lines of JS."""

    template_name = "reception/widgets/grouped_checkboxes.html"


class RequestForm(IdempotentFormMixin, forms.Form):
    needs = forms.MultipleChoiceField(
        label="Besoins exprimés",
        choices=[],
        widget=GroupedCheckboxSelectMultiple,
        help_text="Thématiques du référentiel national data·inclusion.",
    )
    description = forms.CharField(
        label="Description de la demande",
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[validate_free_text],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Ce que la personne demande, avec ses mots. "
            "Pas de détail de santé, d’opinion ni de jugement."
        ),
    )
    urgency = forms.ChoiceField(
        label="Urgence",
        choices=RequestUrgency.choices,
        initial=RequestUrgency.NORMAL,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = need_choices()

    def clean_needs(self):
        needs = self.cleaned_data["needs"]
        unknown = set(needs) - allowed_codes()
        if unknown:
            raise forms.ValidationError("Besoin inconnu.")
        return needs


class TransitionForm(forms.Form):
    """The buttons of a request; closing asks a reason, submitting may name the CIP."""

    expected_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Commentaire", required=False, max_length=300, validators=[validate_free_text]
    )
    to_user = forms.ModelChoiceField(
        queryset=None, label="Transmettre à", required=False, empty_label="La ou le CIP du centre"
    )

    def __init__(self, *args, transition, counsellors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.needs_comment:
            self.fields["comment"].required = True
            self.fields["comment"].label = "Motif de clôture"
        if transition.hands_over_to and counsellors is not None:
            self.fields["to_user"].queryset = counsellors
        else:
            del self.fields["to_user"]


class RequestFilterForm(forms.Form):
    """Filters of the list of requests, read from the query string.

    Only codes and centre ids: a query string ends up in logs and browser history, so it
    never carries a name or anything else about a person.
    """

    show_error_summary = False  # an invalid filter is ignored, not an error of the page

    status = forms.ChoiceField(
        label="Statut", required=False, choices=[("", "Tous les statuts"), *RequestStatus.choices]
    )
    urgency = forms.ChoiceField(
        label="Urgence",
        required=False,
        choices=[("", "Toutes les urgences"), *RequestUrgency.choices],
    )
    centre = forms.ModelChoiceField(
        label="Centre", required=False, queryset=None, empty_label="Tous mes centres"
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["centre"].label_from_instance = lambda centre: centre.name

    def filters(self) -> dict:
        """The filters that are valid; an invalid one (a centre not theirs) is ignored."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class ColleagueHandoffForm(forms.Form):
    """ "Transmettre à un·e collègue": a coordinator or CIP of the request's centre, and a note."""

    colleague = forms.ModelChoiceField(
        label="Collègue", queryset=None, empty_label="Choisir un·e collègue"
    )
    note = forms.CharField(
        label="Note pour votre collègue",
        max_length=300,
        validators=[validate_free_text],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Ce qu’il faut savoir pour reprendre la demande (absence, rendez-vous à déplacer), "
            "sans information de santé ni jugement."
        ),
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = colleagues
        self.fields["colleague"].label_from_instance = _colleague_label


def _colleague_label(membership) -> str:
    return f"{membership.user.get_full_name()} – {membership.get_role_display()}"


class ContactCallForm(forms.Form):
    """One call back to a resident: its outcome, a short note, the count the agent saw."""

    outcome = forms.ChoiceField(
        label="Résultat de l’appel",
        choices=CallOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez le résultat de l’appel."},
    )
    note = forms.CharField(
        label="Note (facultatif)",
        required=False,
        max_length=300,
        help_text="Par exemple : rappeler jeudi matin. Sans information de santé ni jugement.",
    )
    expected_calls = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TakeOverForm(forms.Form):
    """ "Pris en charge sans demande": the coordinator says why no request is recorded."""

    reason = forms.ChoiceField(
        label="Pourquoi sans demande ?",
        choices=[("", "Choisir un motif"), *TakeOverReason.choices],
        error_messages={"required": "Choisissez pourquoi aucune demande n’est enregistrée."},
    )
