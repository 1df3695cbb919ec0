import uuid

from django import forms
from django.utils import timezone

from accompaniment.choices import (
    ActionOwner,
    ActionStatus,
    Assessment,
    ContactChannel,
    ExitReason,
    ObjectiveStatus,
    PauseReason,
    RefusalReason,
)
from accompaniment.reference import (
    NO_COMMENT_DIMENSIONS,
    OBJECTIVES,
    SITUATIONS,
    Dimension,
    QualificationLevel,
)
from parcours.validators import validate_free_text
from people.choices import NoteVisibility, SharedInformation
from people.forms import FrenchDateField, ReferentChoiceField

COMMENT_HINT = (
    "Des faits utiles à l’accompagnement : pas de détail de santé, d’opinion ni de jugement."
)


class OnceForm(forms.Form):
    """A create form carries a one-time key: submitted twice, it creates one record."""

    submission = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("submission", uuid.uuid4())
        super().__init__(*args, **kwargs)


class OpenForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    referent = ReferentChoiceField(
        label="Référent·e de l’accompagnement",
        queryset=None,
        empty_label=None,
        help_text="La ou le CIP, ou une personne qui coordonne le secteur insertion du centre.",
    )
    mode = forms.ChoiceField(label="Mode d’accompagnement", widget=forms.RadioSelect)
    start_date = FrenchDateField(label="Date de début")

    def __init__(self, *args, candidates, modes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = candidates
        self.fields["mode"].choices = modes
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0][0]
        self.fields["start_date"].initial = timezone.localdate()


class PauseForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    on = FrenchDateField(label="Date de la pause")
    reason = forms.ChoiceField(
        label="Motif de la pause", choices=PauseReason.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Précision", required=False, max_length=300, help_text=COMMENT_HINT
    )

    def clean(self):
        data = super().clean()
        # A comment refused by its validator is already said: not "missing" as well.
        missing = not data.get("comment", "").strip() and "comment" not in self.errors
        if data.get("reason") == PauseReason.OTHER and missing:
            self.add_error("comment", "Précisez le motif de la pause.")
        return data


class ResumeForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    on = FrenchDateField(label="Date de reprise")
    comment = forms.CharField(label="Commentaire", required=False, max_length=300)


class RenewForm(forms.Form):
    expected_review_on = forms.DateField(widget=forms.HiddenInput)
    on = FrenchDateField(label="Date du renouvellement")
    comment = forms.CharField(label="Commentaire", required=False, max_length=200)


class CloseForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    on = FrenchDateField(label="Date de fin")
    exit_reason = forms.ChoiceField(
        label="Motif de sortie", choices=ExitReason.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Précision",
        required=False,
        max_length=300,
        help_text="Obligatoire pour « Autre ».",
    )

    def __init__(self, *args, start_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_date = start_date

    def clean(self):
        data = super().clean()
        # A comment refused by its validator is already said: not "missing" as well.
        missing = not data.get("comment", "").strip() and "comment" not in self.errors
        if data.get("exit_reason") == ExitReason.OTHER and missing:
            self.add_error("comment", "Précisez le motif de sortie.")
        if data.get("on") and data["on"] < self.start_date:
            self.add_error(
                "on",
                f"L’accompagnement a commencé le {self.start_date:%d/%m/%Y} : "
                "il ne peut pas finir avant.",
            )
        return data


for _form, _field in [(PauseForm, "on"), (ResumeForm, "on"), (RenewForm, "on"), (CloseForm, "on")]:
    _form.base_fields[_field].initial = timezone.localdate


class DiagnosisForm(OnceForm):
    made_on = FrenchDateField(label="Date du diagnostic")
    qualification_level = forms.ChoiceField(
        label="Niveau de qualification (code France Travail)",
        required=False,
        choices=[("", "Non renseigné"), *QualificationLevel.choices],
        help_text="Le niveau national (3 à 8) s’en déduit.",
    )

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["made_on"].initial = timezone.localdate()
        earlier = {d.dimension: d for d in previous.dimensions.all()} if previous else {}
        if previous:
            self.fields["qualification_level"].initial = previous.qualification_level
        for dimension in Dimension:
            before = earlier.get(dimension)
            self.fields[f"{dimension}_assessment"] = forms.ChoiceField(
                label="Évaluation",
                choices=Assessment.choices,
                initial=before.assessment if before else Assessment.UNEXPLORED,
                widget=forms.RadioSelect,
            )
            self.fields[f"{dimension}_situations"] = forms.MultipleChoiceField(
                label="Situations",
                required=False,
                choices=[(s.code, s.label) for s in SITUATIONS[dimension]],
                initial=before.situations if before else [],
                widget=forms.CheckboxSelectMultiple,
            )
            if dimension not in NO_COMMENT_DIMENSIONS:
                self.fields[f"{dimension}_comment"] = forms.CharField(
                    label="Commentaire",
                    required=False,
                    initial=before.comment if before else "",
                    widget=forms.Textarea(attrs={"rows": 2}),
                    validators=[validate_free_text],
                )

    def groups(self):
        """(dimension label, bound fields) for the template: one fieldset per dimension."""
        result = []
        for dimension in Dimension:
            names = [f"{dimension}_assessment", f"{dimension}_situations", f"{dimension}_comment"]
            result.append((dimension.label, [self[name] for name in names if name in self.fields]))
        return result

    def top_fields(self):
        return [self["made_on"], self["qualification_level"]]

    def dimensions(self) -> dict:
        data = self.cleaned_data
        return {
            dimension: (
                data[f"{dimension}_assessment"],
                data[f"{dimension}_situations"],
                data.get(f"{dimension}_comment", ""),
            )
            for dimension in Dimension
        }


def _objective_choices():
    return [
        (Dimension(dimension).label, [(title, title) for title in titles])
        for dimension, titles in OBJECTIVES.items()
    ]


class ObjectiveForm(OnceForm):
    dimension = forms.ChoiceField(
        label="Dimension du diagnostic",
        choices=Dimension.choices,
        help_text="Le frein ou le point d’appui auquel l’objectif répond.",
    )
    suggested = forms.ChoiceField(label="Objectif du référentiel", required=False, choices=[])
    title = forms.CharField(label="Ou un objectif rédigé librement", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested"].choices = [("", "Aucun (objectif libre)"), *_objective_choices()]

    def clean(self):
        data = super().clean()
        data["title"] = (data.get("title") or "").strip() or data.get("suggested", "")
        if not data["title"]:
            self.add_error("title", "Choisissez un objectif du référentiel ou rédigez-en un.")
        return data


class ObjectiveStatusForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Statut de l’objectif", choices=ObjectiveStatus.choices)


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ActionForm(OnceForm):
    title = forms.CharField(label="Action", max_length=200)
    owner = forms.ChoiceField(
        label="Qui la mène", choices=ActionOwner.choices, widget=forms.RadioSelect
    )
    partner = PartnerChoiceField(
        label="Partenaire",
        queryset=None,
        required=False,
        empty_label="Aucun",
        help_text="Si l’action est menée par un partenaire.",
    )
    due_on = FrenchDateField(label="Échéance")

    def __init__(self, *args, partners, start_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.start_date = start_date

    def clean(self):
        data = super().clean()
        due_on = data.get("due_on")
        if due_on and due_on < self.start_date:
            self.add_error(
                "due_on",
                f"L’accompagnement commence le {self.start_date:%d/%m/%Y} : "
                "l’échéance ne peut pas être antérieure.",
            )
        if data.get("owner") == ActionOwner.PARTNER and not data.get("partner"):
            self.add_error("partner", "Choisissez le partenaire qui mène l’action.")
        return data


class ActionStatusForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Statut", choices=ActionStatus.choices)
    done_on = FrenchDateField(
        label="Réalisée le",
        required=False,
        help_text="Si elle est réalisée (par défaut : aujourd’hui).",
    )

    def __init__(self, *args, start_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_date = start_date

    def clean(self):
        data = super().clean()
        done_on = data.get("done_on")
        if done_on and done_on < self.start_date:
            self.add_error("done_on", "Cette date est antérieure au début de l’accompagnement.")
        if done_on and done_on > timezone.localdate():
            self.add_error("done_on", "Une action ne peut pas être réalisée dans le futur.")
        return data


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.organisation.name}"


class OrientationForm(OnceForm):
    service = ServiceChoiceField(
        label="Service partenaire", queryset=None, empty_label="Choisir un service"
    )
    objective = forms.ModelChoiceField(
        label="Objectif du plan", queryset=None, required=False, empty_label="Aucun"
    )
    reason = forms.CharField(
        label="Motif de l’orientation",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Merci de ne pas fournir d’informations sensibles (santé, opinions).",
    )
    shared = forms.MultipleChoiceField(
        label="Ce qui est partagé avec le partenaire",
        required=False,
        choices=SharedInformation.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Seulement ce que la personne a accepté de partager avec ce partenaire.",
    )

    def __init__(self, *args, services, objectives, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["objective"].queryset = objectives
        self.consents = consents  # {organisation id: [shared codes]}

    def clean(self):
        data = super().clean()
        service = data.get("service")
        if service is not None:
            allowed = set(self.consents.get(service.organisation_id, []))
            refused = [c for c in data.get("shared", []) if c not in allowed]
            if refused:
                labels = dict(SharedInformation.choices)
                self.add_error(
                    "shared",
                    "La personne n’a pas accepté de partager avec "
                    f"{service.organisation.name} : "
                    + ", ".join(labels[c].lower() for c in refused)
                    + ".",
                )
        return data


class RefuseForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    reasons = forms.MultipleChoiceField(
        label="Motifs du refus",
        choices=RefusalReason.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins un motif."},
    )
    message = forms.CharField(
        label="Message à la ou au CIP",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Commentaire privé pour la professionnelle : il n’est jamais transmis à la personne."
        ),
        error_messages={"required": "Expliquez le refus en quelques mots."},
    )


class SimpleAnswerForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)


class OutcomeForm(forms.Form):
    expected_status = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Suite donnée (facultatif)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Quelques mots sur ce qui a été fait, sans information sensible.",
    )


class ContactForm(OnceForm):
    organisation = PartnerChoiceField(label="Partenaire", queryset=None, empty_label=None)
    channel = forms.ChoiceField(label="Type de contact", choices=ContactChannel.choices)
    happened_on = FrenchDateField(label="Date")
    with_whom = forms.CharField(label="Interlocuteur·rice", required=False, max_length=120)
    summary = forms.CharField(
        label="Résumé", widget=forms.Textarea(attrs={"rows": 4}), help_text=COMMENT_HINT
    )
    visibility = forms.ChoiceField(
        label="Visible par",
        choices=NoteVisibility.choices,
        initial=NoteVisibility.TEAM,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, partners, centres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partners
        self.fields["happened_on"].initial = timezone.localdate()
        if centres is not None:
            self.fields["centre"] = forms.ModelChoiceField(
                label="Centre", queryset=centres, empty_label=None
            )
            self.order_fields(["centre"])


# Free text about the person: no social-security number (NIR), no invisible characters.
for _form, _names in [
    (PauseForm, ["comment"]),
    (ResumeForm, ["comment"]),
    (RenewForm, ["comment"]),
    (CloseForm, ["comment"]),
    (ObjectiveForm, ["title"]),
    (ActionForm, ["title"]),
    (OrientationForm, ["reason"]),
    (RefuseForm, ["message"]),
    (OutcomeForm, ["comment"]),
    (ContactForm, ["with_whom", "summary"]),
]:
    for _name in _names:
        _form.base_fields[_name].validators.append(validate_free_text)
