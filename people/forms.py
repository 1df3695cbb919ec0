import re
from datetime import date

from django import forms
from django.core.validators import MaxLengthValidator

from organisations.models import Organisation
from parcours.idempotency import IdempotentFormMixin
from parcours.validators import NOTE_MAX_LENGTH, validate_free_text, validate_safe_name
from people.models import (
    EmploymentSituation,
    Housing,
    Mobility,
    Note,
    NoteVisibility,
    Person,
    Resource,
    SharedInformation,
)
from people.validators import validate_mobility, validate_resources

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class FrenchDateField(forms.DateField):
    widget = forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric"})

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("help_text", "Au format jj/mm/aaaa, par exemple 03/04/1990.")
        kwargs.setdefault("error_messages", {"invalid": "Saisissez une date au format jj/mm/aaaa."})
        super().__init__(**kwargs)


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Nom, date de naissance ou téléphone",
        required=False,
        max_length=100,
        help_text="Par exemple « elodie ndiaye », « ndiaye 03/04/1990 » ou « 06 12 34 56 78 ».",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "autofocus": True}),
    )


class PersonForm(forms.ModelForm):
    """Identity per the CNIL referential: no social-security number, nationality in three values.

    Names refuse invisible characters and a NIR; the address refuses a NIR
    (parcours.validators). `version` is the file's version when the form was shown: a save
    over a newer version is refused (optimistic locking, people.services.StaleFile).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    birth_date = FrenchDateField(label="Date de naissance", required=False)

    class Meta:
        model = Person
        fields = [
            "last_name",
            "first_name",
            "birth_name",
            "sex",
            "birth_date",
            "nationality",
            "phone",
            "email",
            "address",
            "postal_code",
            "city",
            "neighbourhood",
            "centre",
        ]
        widgets = {
            "sex": forms.RadioSelect,
            "nationality": forms.RadioSelect,
        }
        help_texts = {
            "phone": "Numéro français, par exemple 06 12 34 56 78.",
            "birth_name": "Seulement s’il diffère du nom d’usage.",
        }

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        self.fields["centre"].empty_label = None
        self.fields["neighbourhood"].queryset = self.fields["neighbourhood"].queryset.order_by(
            "name"
        )
        for name in ("sex", "nationality"):
            self.fields[name].choices = [
                choice for choice in self.fields[name].choices if choice[0] != ""
            ]
        self.fields["last_name"].required = True
        for name in ("last_name", "first_name", "birth_name", "city"):
            self.fields[name].validators.append(validate_safe_name)
        self.fields["address"].validators.append(validate_free_text)

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value > date.today():
            raise forms.ValidationError("La date de naissance est dans le futur.")
        if value and value.year < 1900:
            raise forms.ValidationError("La date de naissance est antérieure à 1900.")
        return value

    def clean_postal_code(self):
        value = self.cleaned_data.get("postal_code", "").strip()
        if value and not re.fullmatch(r"\d{5}", value):
            raise forms.ValidationError("Le code postal compte cinq chiffres.")
        return value

    def clean_email(self):
        return self.cleaned_data.get("email", "").strip().lower()


class RegisterForm(IdempotentFormMixin, PersonForm):
    confirm_distinct = forms.BooleanField(
        label="J’ai vérifié : c’est une autre personne, je crée quand même la fiche",
        required=False,
    )

    class Meta(PersonForm.Meta):
        pass


class NoteForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Note
        fields = ["text", "visibility"]
        widgets = {"visibility": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "text": (
                "N’écrivez que des faits utiles à l’accompagnement. Pas d’informations de santé, "
                "pas d’opinions, pas de jugements sur la personne (recommandations de la CNIL). "
                "La personne peut demander à lire ce qui est écrit sur elle."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].initial = NoteVisibility.TEAM
        self.fields["text"].max_length = NOTE_MAX_LENGTH
        self.fields["text"].validators.append(MaxLengthValidator(NOTE_MAX_LENGTH))
        self.fields["text"].validators.append(validate_free_text)
        self.fields["text"].widget.attrs["maxlength"] = NOTE_MAX_LENGTH

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("La note est vide.")
        return text


class NoticeForm(forms.Form):
    delivered_on = FrenchDateField(label="Notice remise le", initial=date.today)


class ConsentForm(forms.Form):
    partner = forms.ModelChoiceField(
        label="Partenaire",
        queryset=Organisation.objects.filter(is_partner=True).order_by("name"),
        empty_label="Choisir un partenaire",
    )
    shared = forms.MultipleChoiceField(
        label="Ce que la personne accepte de partager avec ce partenaire",
        choices=SharedInformation.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez au moins une information partagée."},
    )
    agreed_on = FrenchDateField(label="Accord donné le", initial=date.today)


class ReferentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class ReferentForm(forms.Form):
    """Choose the referent among the candidates given (`referent_candidates(person)`)."""

    referent = ReferentChoiceField(
        label="Référent·e",
        queryset=None,
        empty_label="Choisir une personne de l’équipe",
        help_text="Une personne qui coordonne le secteur insertion du centre, ou la CIP.",
        error_messages={
            "required": "Choisissez la personne référente.",
            "invalid_choice": "Cette personne ne peut pas être référente de cette fiche.",
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = candidates


class SituationForm(forms.Form):
    """The person's situation per the CNIL referential for social accompaniment: what an
    integration service needs, nothing finer (no amounts, no health, no level of French).
    `version`: optimistic locking, as on the identity form."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    employment_situation = forms.ChoiceField(
        label="Situation professionnelle",
        choices=[("", "Non renseignée"), *EmploymentSituation.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    resources = forms.MultipleChoiceField(
        label="Ressources",
        choices=Resource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Plusieurs réponses possibles. Les montants ne sont pas demandés.",
    )
    housing = forms.ChoiceField(
        label="Logement",
        choices=[("", "Non renseigné"), *Housing.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    mobility = forms.MultipleChoiceField(
        label="Mobilité",
        choices=Mobility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Plusieurs réponses possibles.",
    )

    @classmethod
    def initial_for(cls, person) -> dict:
        return {name: getattr(person, name) for name in cls.base_fields}

    def clean_resources(self):
        codes = self.cleaned_data.get("resources") or []
        validate_resources(codes)
        return codes

    def clean_mobility(self):
        codes = self.cleaned_data.get("mobility") or []
        validate_mobility(codes)
        return codes
