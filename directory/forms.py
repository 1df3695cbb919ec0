import re
from datetime import datetime, time

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from phonenumber_field.formfields import PhoneNumberField

from directory.antispam import AntiSpamForm
from directory.models import ActivityKind
from organisations.models import Centre, IntegrationMode, Neighbourhood
from parcours.validators import validate_free_text

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
        validators=[validate_free_text],
    )

    field_order = ["author_name", "author_email", "body", "website", "started"]

    def clean_author_name(self):
        return _clean_name(self.cleaned_data["author_name"])


class ShareForm(AntiSpamForm):
    """Send to a friend: one recipient, the sender's name, nothing else the sender controls."""

    sender_name = forms.CharField(label="Votre nom", max_length=60)
    recipient = forms.EmailField(
        label="E-mail de la personne à qui vous l’envoyez",
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
        # Neighbourhoods whose centre runs an integration sector, and those whose centre sends
        # its residents to another centre's (Branly – Boissière).
        queryset=Neighbourhood.objects.select_related("centre")
        .filter(
            ~Q(centre__integration_mode=IntegrationMode.NONE)
            | Q(centre__page__integration_referral__isnull=False)
        )
        .order_by("name"),
        empty_label="Choisissez votre quartier",
        help_text="Votre demande va au centre social de votre quartier.",
    )
    availability = forms.CharField(
        label="Vos disponibilités",
        required=False,
        max_length=300,
        help_text="Par exemple : le matin, sauf le mercredi.",
        validators=[validate_free_text],
    )
    consent = forms.BooleanField(
        label=(
            "J’accepte que le centre social me rappelle au sujet de ma recherche "
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
            self.add_error(
                "phone",
                "Indiquez un téléphone ou un e-mail pour que le centre puisse vous rappeler.",
            )
        return cleaned


class ActivityFilterForm(forms.Form):
    show_error_summary = False  # an invalid filter is ignored, not an error of the page

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


# --- Staff area: articles and editorial texts ----------------------------------------------

MARKDOWN_HELP = (
    "Syntaxe Markdown : une ligne vide entre deux paragraphes ; **gras** ; *italique* ; "
    "« ## » en début de ligne pour un intertitre ; « - » en début de ligne pour une liste ; "
    "[texte du lien](https://adresse.fr) pour un lien. Le HTML et les images ne sont pas "
    "repris : « Prévisualiser » montre le texte tel qu’il sera publié."
)


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon : visible seulement dans l’espace de gestion"
    PUBLISHED = "published", "Publié : visible de tous sur la page Actualités"


class ArticleForm(forms.ModelForm):
    status = forms.ChoiceField(
        label="Publication",
        choices=ArticleStatus.choices,
        widget=forms.RadioSelect,
        initial=ArticleStatus.DRAFT,
    )
    publication_date = forms.DateField(
        label="Date de publication",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Laissez vide pour la date du jour. Une date future n’est pas acceptée.",
    )

    class Meta:
        from directory.models import Article

        model = Article
        fields = ["title", "summary", "body", "author_line", "centre"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "author_line": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": "Une ou deux phrases, affichées sous le titre et dans la liste.",
            "body": MARKDOWN_HELP,
        }

    def __init__(self, *args, user, **kwargs):
        from parcours.permissions import EDITORIAL_ROLES, centres_editable_by, has_role

        super().__init__(*args, **kwargs)
        article = self.instance
        if article.is_published:
            self.fields["status"].initial = ArticleStatus.PUBLISHED
        if article.published_at:
            self.fields["publication_date"].initial = timezone.localdate(article.published_at)
        centre = self.fields["centre"]
        if has_role(user, *EDITORIAL_ROLES):
            centre.queryset = Centre.objects.order_by("position", "name")
            centre.empty_label = "Aucun centre en particulier"
            centre.help_text = "Facultatif. La direction du centre pourra aussi modifier l’article."
        else:
            # A director writes about their own centre(s) only.
            centre.queryset = centres_editable_by(user).order_by("position", "name")
            centre.required = True
            centre.empty_label = "Choisissez le centre"

    def clean_publication_date(self):
        day = self.cleaned_data["publication_date"]
        if day and day > timezone.localdate():
            raise forms.ValidationError("Choisissez la date du jour ou une date passée.")
        return day

    @property
    def publish(self) -> bool:
        return self.cleaned_data["status"] == ArticleStatus.PUBLISHED

    def publication_datetime(self):
        """The date chosen, as a moment: unchanged if it is the stored date's day."""
        day = self.cleaned_data["publication_date"] or timezone.localdate()
        stored = self.instance.published_at
        if stored and timezone.localdate(stored) == day:
            return stored
        if day == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(datetime.combine(day, time(12, 0)))


class PageTextForm(forms.ModelForm):
    class Meta:
        from directory.models import PageText

        model = PageText
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        help_texts = {"body": MARKDOWN_HELP}


class CentrePageForm(forms.ModelForm):
    class Meta:
        from directory.models import CentrePage

        model = CentrePage
        fields = ["presentation", "integration_access"]
        widgets = {
            "presentation": forms.Textarea(attrs={"rows": 12}),
            "integration_access": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "presentation": MARKDOWN_HELP,
            "integration_access": "Même syntaxe. Affiché dans la partie « Secteur insertion ».",
        }
