from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Upper
from phonenumber_field.modelfields import PhoneNumberField


class Sex(models.TextChoices):
    FEMALE = "F", "Femme"
    MALE = "M", "Homme"


class Nationality(models.TextChoices):
    """CNIL referential for social accompaniment: three values, nothing finer."""

    FRENCH = "fr", "Française"
    EU = "eu", "Union européenne"
    OUTSIDE_EU = "non_eu", "Hors Union européenne"


class Person(models.Model):
    """A resident known to a social centre.

    Identity only: what the reception desk needs to find the person and reach them.
    No social-security number, by design. Everything else (requests, visits,
    notes) hangs off this row in other apps.
    """

    first_name = models.CharField("prénom", max_length=100, blank=True)
    last_name = models.CharField("nom", max_length=100, blank=True)
    birth_name = models.CharField("nom de naissance", max_length=100, blank=True)
    # Lowercase, unaccented, no punctuation: kept by the services that write names,
    # indexed with pg_trgm for the desk's search.
    search_name = models.CharField(max_length=220, editable=False, default="")
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    nationality = models.CharField(
        "nationalité", max_length=10, choices=Nationality.choices, blank=True
    )
    phone = PhoneNumberField("téléphone", blank=True)
    email = models.EmailField("e-mail", blank=True)
    address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=80, blank=True)
    neighbourhood = models.ForeignKey(
        "organisations.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="quartier",
    )
    # The centre whose team follows the person; scope for coordinators.
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name="centre de rattachement",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="référent·e",
    )
    file_reference = models.CharField("n° de dossier d’origine", max_length=40, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="créé par",
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    # Set when this file was merged into another; merged files are hidden everywhere.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_files",
        verbose_name="fusionné dans",
    )

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            GinIndex(
                OpClass("search_name", name="gin_trgm_ops"), name="person_search_name_trgm"
            ),
            models.Index(fields=["centre", "last_name"], name="person_centre_name"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
            models.Index(fields=["phone"], name="person_phone"),
            models.Index(Upper("last_name"), name="person_last_name_upper"),
        ]

    def __str__(self):
        return self.full_name or f"Personne n° {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in [self.first_name, self.last_name] if part)
