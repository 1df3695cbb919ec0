from django import forms

from audit.models import RightsRequestKind
from parcours.validators import validate_free_text


class FileNumberForm(forms.Form):
    fiche = forms.IntegerField(label="N° de fiche", min_value=1)


class RightsRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="La personne demande", choices=RightsRequestKind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Précisions (facultatif)",
        required=False,
        max_length=300,
        validators=[validate_free_text],
        help_text="Sans donnée de santé ni numéro de sécurité sociale.",
    )
