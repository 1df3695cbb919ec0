from django.db import models
from phonenumber_field.modelfields import PhoneNumberField


class OrganisationKind(models.TextChoices):
    CITY = "city", "Collectivité"
    CCAS = "ccas", "Centre communal d’action sociale"
    ASSOCIATION = "association", "Association"
    ASSOCIATION_STRUCTURE = "association_structure", "Structure d’une association"
    SOCIAL_SERVICES = "social_services", "Service social"
    EMPLOYMENT_SERVICE = "employment_service", "Service public de l’emploi"
    YOUTH_SERVICE = "youth_service", "Mission locale"
    CITY_PROGRAMME = "city_programme", "Dispositif de la Ville"


class Organisation(models.Model):
    """An institution: the City, Aurore and its social grocery, the CCAS, a partner."""

    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    kind = models.CharField("type", max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="rattachée à",
    )
    is_partner = models.BooleanField(
        "partenaire d’orientation",
        default=False,
        help_text="Les personnes accompagnées peuvent être orientées vers elle.",
    )
    description = models.TextField("présentation", blank=True)

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]

    def __str__(self):
        return self.name


class CentreKind(models.TextChoices):
    MUNICIPAL = "municipal", "Centre social municipal"
    ASSOCIATIVE = "associative", "Centre social associatif"


class IntegrationMode(models.TextChoices):
    """How a centre's integration sector works: a setting, not code."""

    INDIVIDUAL = "individual", "Accompagnement individuel"
    COLLECTIVE = "collective", "Accompagnement collectif"
    BOTH = "both", "Temps collectifs et temps individuels"
    NONE = "none", "Pas de secteur insertion"


class Centre(models.Model):
    name = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    kind = models.CharField("statut", max_length=20, choices=CentreKind.choices)
    managed_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="centres",
        verbose_name="géré par",
    )
    director_name = models.CharField("directeur·rice", max_length=120, blank=True)
    director_title = models.CharField("fonction", max_length=60, blank=True)
    # Never rendered as a plain address on the public site (harvesters): see directory.
    director_email = models.EmailField("e-mail du directeur·rice", blank=True)
    phone = PhoneNumberField("téléphone", blank=True)
    integration_mode = models.CharField(
        "mode d’accompagnement insertion",
        max_length=20,
        choices=IntegrationMode.choices,
        default=IntegrationMode.NONE,
    )
    position = models.PositiveSmallIntegerField("ordre d’affichage", default=0)

    class Meta:
        verbose_name = "centre social"
        verbose_name_plural = "centres sociaux"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def has_integration_sector(self) -> bool:
        return self.integration_mode != IntegrationMode.NONE

    @property
    def neighbourhood_label(self) -> str:
        return " · ".join(n.name for n in self.neighbourhoods.all())


class Neighbourhood(models.Model):
    """A neighbourhood of the city and the social centre that serves it."""

    name = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        related_name="neighbourhoods",
        verbose_name="centre social de référence",
    )
    # Priority neighbourhood of the city policy (quartier prioritaire de la politique de la
    # ville): the bilans count the people who live in one (reports, "Profil : QPV").
    is_qpv = models.BooleanField(
        "quartier prioritaire (QPV)",
        default=False,
        help_text="Quartier prioritaire de la politique de la ville, selon la liste officielle.",
    )

    class Meta:
        verbose_name = "quartier"
        verbose_name_plural = "quartiers"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Site(models.Model):
    """A building where a centre receives the public."""

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="sites", verbose_name="centre social"
    )
    name = models.CharField("nom", max_length=120)
    slug = models.SlugField("identifiant", max_length=80)
    address = models.CharField("adresse", max_length=200)
    postal_code = models.CharField("code postal", max_length=5)
    city = models.CharField("commune", max_length=80)
    phone = PhoneNumberField("téléphone", blank=True)
    position = models.PositiveSmallIntegerField("ordre d’affichage", default=0)

    class Meta:
        verbose_name = "site"
        verbose_name_plural = "sites"
        ordering = ["centre", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "slug"], name="site_unique_slug_per_centre")
        ]

    def __str__(self):
        return f"{self.name} ({self.centre.name})"

    @property
    def contact_phone(self):
        """The site's own number, else the centre's."""
        return self.phone or self.centre.phone
