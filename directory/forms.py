import re

from django import forms
from phonenumber_field.formfields import PhoneNumberField

from directory.antispam import AntiSpamForm
from directory.models import ActivityKind
from organisations.models import IntegrationMode, Neighbourhood

# A person's name: letters, spaces, apostrophes, hyphens, dots. No digits, no "@", no "/":
# the name goes into e-mails and must not carry a link or an address.
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.\-]+[^\W\d_]+)*\.?$")
# "spam.example": a dot followed by two letters looks like a domain, not an initial ("J.-P.").
_DOMAIN_LIKE = re.compile(r"\.[^\W\d_]{2,}")


def _clean_name(value: str) -> str:
    value = " ".join(value.split())
    if not _NAME.match(value) or _DOMAIN_LIKE.search(value):
        raise forms.ValidationError(
            "Indiquez un nom fait de lettres (espaces, apostrophes et traits d’union acceptés)."
        )
    return value


class CommentForm(AntiSpamForm):
    author_name = forms.CharField(label="Nom", max_length=80)
    author_email = forms.EmailField(
        label="E-mail",
        max_length=254,
        help_text="Il ne sera pas publié.",
    )
    body = forms.CharField(
        label="Commentaire",
        max_length=2000,
        min_length=3,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="2 000 caractères au plus. Les commentaires sont publiés après relecture.",
    )

    field_order = ["author_name", "author_email", "body", "website", "started"]

    def clean_author_name(self):
        return _clean_name(self.cleaned_data["author_name"])


class ShareForm(AntiSpamForm):
    """Send to a friend: one recipient, the sender's name, nothing else the sender controls."""

    sender_name = forms.CharField(label="Votre nom", max_length=60)
    recipient = forms.EmailField(
        label="E-mail de votre ami·e",
        max_length=254,
        help_text="Une seule adresse.",
    )
    page = forms.CharField(widget=forms.HiddenInput, max_length=300)

    field_order = ["sender_name", "recipient", "website", "started", "page"]

    def clean_sender_name(self):
        return _clean_name(self.cleaned_data["sender_name"])

    def clean_recipient(self):
        value = self.cleaned_data["recipient"]
        # EmailField already refuses line breaks and lists; say it plainly for commas.
        if any(ch in value for ch in ",;\r\n"):
            raise forms.ValidationError("Indiquez une seule adresse e-mail.")
        return value


class ContactRequestForm(AntiSpamForm):
    name = forms.CharField(label="Nom et prénom", max_length=120)
    phone = PhoneNumberField(
        label="Téléphone",
        required=False,
        region="FR",
        help_text="Par exemple 06 12 34 56 78. Téléphone ou e-mail : au moins l’un des deux.",
    )
    email = forms.EmailField(label="E-mail", required=False, max_length=254)
    neighbourhood = forms.ModelChoiceField(
        label="Votre quartier",
        # Only neighbourhoods whose centre runs an integration sector can receive requests.
        queryset=Neighbourhood.objects.select_related("centre")
        .exclude(centre__integration_mode=IntegrationMode.NONE)
        .order_by("name"),
        empty_label="Choisissez votre quartier",
        help_text=(
            "Votre demande est transmise au secteur insertion du centre social de votre quartier."
        ),
    )
    availability = forms.CharField(
        label="Vos disponibilités",
        required=False,
        max_length=300,
        help_text="Par exemple : le matin, sauf le mercredi.",
    )
    consent = forms.BooleanField(
        label=(
            "J’accepte d’être recontacté·e par le centre social au sujet de ma recherche "
            "d’emploi ou de formation."
        ),
    )

    field_order = [
        "name", "phone", "email", "neighbourhood", "availability", "consent", "website", "started",
    ]  # fmt: skip

    def clean_name(self):
        return _clean_name(self.cleaned_data["name"])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.has_error("phone"):
            self.add_error("phone", "Indiquez un téléphone ou un e-mail pour être recontacté·e.")
        return cleaned


class ActivityFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type d’activité",
        required=False,
        choices=[("", "Tous les types"), *ActivityKind.choices],
    )
    neighbourhood = forms.ModelChoiceField(
        label="Quartier",
        required=False,
        queryset=Neighbourhood.objects.order_by("name"),
        empty_label="Tous les quartiers",
        to_field_name="slug",
    )


class FindCentreForm(forms.Form):
    address = forms.CharField(
        label="Votre adresse",
        required=False,
        max_length=200,
        help_text="Par exemple : 12 rue Paul Doumer.",
    )
    neighbourhood = forms.ModelChoiceField(
        label="Ou votre quartier",
        required=False,
        queryset=Neighbourhood.objects.order_by("name"),
        empty_label="Choisissez un quartier",
        to_field_name="slug",
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("address") and not cleaned.get("neighbourhood"):
            raise forms.ValidationError("Indiquez votre adresse ou choisissez votre quartier.")
        return cleaned


class DirectorMessageForm(AntiSpamForm):
    """Write to a centre's director without the address ever being shown."""

    sender_name = forms.CharField(label="Votre nom", max_length=80)
    sender_email = forms.EmailField(
        label="Votre e-mail", max_length=254, help_text="Pour que le centre puisse vous répondre."
    )
    message = forms.CharField(
        label="Votre message",
        max_length=2000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="2 000 caractères au plus.",
    )

    field_order = ["sender_name", "sender_email", "message", "website", "started"]

    def clean_sender_name(self):
        return _clean_name(self.cleaned_data["sender_name"])


class SiteHoursForm(forms.ModelForm):
    class Meta:
        from directory.models import SiteDetails

        model = SiteDetails
        fields = ["opening_hours"]


class ActivityForm(forms.ModelForm):
    class Meta:
        from directory.models import Activity

        model = Activity
        fields = [
            "kind", "title", "site", "description", "schedule", "audience", "price",
            "is_published", "position",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = centre.sites.order_by("position", "name")
        self.fields["site"].empty_label = "Tous les lieux du centre"
