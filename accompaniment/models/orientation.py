"""Partner services, orientations to them, their history and the partners' answer links."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accompaniment.choices import OrientationStatus, RefusalReason
from people.choices import SharedInformation

USER = settings.AUTH_USER_MODEL


class PartnerService(models.Model):
    """A service of a partner organisation (data·inclusion v1 fields, French names there)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        limit_choices_to={"is_partner": True},
        verbose_name="partenaire",
    )
    source_id = models.CharField(
        "identifiant data·inclusion",
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text="Renseigné par l’import d’un fichier services.json.",
    )
    name = models.CharField("nom", max_length=150)
    description = models.TextField("présentation", blank=True)
    thematiques = ArrayField(
        models.CharField(max_length=120), verbose_name="thématiques", default=list, blank=True
    )
    publics = ArrayField(
        models.CharField(max_length=80), verbose_name="publics", default=list, blank=True
    )
    audience = models.CharField("public accueilli", max_length=300, blank=True)
    conditions = models.TextField("conditions d’accès", blank=True)
    min_age = models.PositiveSmallIntegerField("âge minimum", null=True, blank=True)
    max_age = models.PositiveSmallIntegerField("âge maximum", null=True, blank=True)
    for_rsa_recipients = models.BooleanField(
        "pour les allocataires du RSA",
        default=False,
        help_text="Proposé aux personnes qui perçoivent le RSA.",
    )
    address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=80, blank=True)
    contact_email = models.EmailField(
        "e-mail de contact",
        help_text="Les liens de réponse aux orientations ne sont envoyés qu’à cette adresse.",
    )
    contact_phone = models.CharField("téléphone", max_length=20, blank=True)
    is_active = models.BooleanField("proposé aux orientations", default=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "service d’un partenaire"
        verbose_name_plural = "services des partenaires"
        ordering = ["organisation__name", "name"]

    def __str__(self):
        return f"{self.name} ({self.organisation.name})"

    @property
    def age_label(self) -> str:
        if self.min_age and self.max_age:
            return f"{self.min_age} à {self.max_age} ans"
        if self.min_age:
            return f"à partir de {self.min_age} ans"
        if self.max_age:
            return f"jusqu’à {self.max_age} ans"
        return ""


class Orientation(models.Model):
    """From the plan to a partner service; moves only through `orientation_services`."""

    accompaniment = models.ForeignKey(
        "accompaniment.Accompaniment",
        on_delete=models.CASCADE,
        related_name="orientations",
        verbose_name="accompagnement",
    )
    objective = models.ForeignKey(
        "accompaniment.Objective",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orientations",
        verbose_name="objectif du plan",
    )
    service = models.ForeignKey(
        PartnerService,
        on_delete=models.PROTECT,
        related_name="orientations",
        verbose_name="service",
    )
    # Copied from the service: scope of the partner role, kept if the service moves.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="orientations",
        verbose_name="partenaire",
        db_index=False,  # the indexes below lead with it
    )
    reason = models.TextField("motif de l’orientation")
    shared = ArrayField(
        models.CharField(max_length=20, choices=SharedInformation.choices),
        verbose_name="informations partagées",
        default=list,
        blank=True,
    )
    status = models.CharField(
        "statut",
        max_length=15,
        choices=OrientationStatus.choices,
        default=OrientationStatus.PROPOSED,
    )
    status_changed_at = models.DateTimeField("statut modifié le", default=timezone.now)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    refusal_reasons = ArrayField(
        models.CharField(max_length=20, choices=RefusalReason.choices),
        verbose_name="motifs de refus",
        default=list,
        blank=True,
    )
    # For the professionals only: never on the person's documents.
    refusal_message = models.TextField("message du partenaire (refus)", blank=True)
    outcome_comment = models.TextField("suite donnée", blank=True)
    last_reminder_at = models.DateTimeField("dernière relance le", null=True, blank=True)
    reorients = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reorientations",
        verbose_name="réoriente l’orientation",
    )
    created_at = models.DateTimeField("proposée le", default=timezone.now)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )

    # The form's one-time key: a double submit finds it taken and creates nothing.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "orientation"
        verbose_name_plural = "orientations"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "-sent_at"], name="orientation_partner_queue"
            ),
            # The partner's list, in its order, without the CIP's drafts and cancellations.
            models.Index(
                fields=["organisation", "-sent_at", "-id"],
                condition=~Q(status__in=["proposed", "cancelled"]),
                name="orientation_received",
            ),
            models.Index(
                fields=["sent_at"], condition=Q(status="sent"), name="orientation_awaiting"
            ),
        ]

    def __str__(self):
        return f"Orientation n° {self.pk} ({self.get_status_display().lower()})"

    @property
    def shared_labels(self) -> list[str]:
        labels = dict(SharedInformation.choices)
        return [labels.get(value, value) for value in self.shared]

    @property
    def refusal_labels(self) -> list[str]:
        labels = dict(RefusalReason.choices)
        return [labels.get(value, value) for value in self.refusal_reasons]


class OrientationEvent(models.Model):
    """One move of an orientation: dated, signed (a user, or the partner through the link)."""

    orientation = models.ForeignKey(
        Orientation, on_delete=models.CASCADE, related_name="events", verbose_name="orientation"
    )
    from_status = models.CharField(
        "de", max_length=15, choices=OrientationStatus.choices, blank=True
    )
    to_status = models.CharField("vers", max_length=15, choices=OrientationStatus.choices)
    at = models.DateTimeField("le", default=timezone.now)
    by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="par"
    )
    by_label = models.CharField("par (texte)", max_length=200)

    class Meta:
        verbose_name = "étape d’une orientation"
        verbose_name_plural = "étapes des orientations"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or '–'} → {self.get_to_status_display()}"


class OrientationLink(models.Model):
    """A link e-mailed to the partner's registered address: only its SHA-256 is stored."""

    orientation = models.ForeignKey(
        Orientation, on_delete=models.CASCADE, related_name="links", verbose_name="orientation"
    )
    token_hash = models.CharField("empreinte", max_length=64, unique=True)
    sent_to = models.EmailField("envoyé à")
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expires_at = models.DateTimeField("expire le")
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "lien de réponse"
        verbose_name_plural = "liens de réponse"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Lien du {timezone.localtime(self.created_at):%d/%m/%Y}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class LinkOpening(models.Model):
    """Every opening of a link, and every answer given through it."""

    link = models.ForeignKey(
        OrientationLink, on_delete=models.CASCADE, related_name="openings", verbose_name="lien"
    )
    at = models.DateTimeField("le", default=timezone.now)
    what = models.CharField("quoi", max_length=60)

    class Meta:
        verbose_name = "ouverture d’un lien"
        verbose_name_plural = "ouvertures des liens"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.what} le {timezone.localtime(self.at):%d/%m/%Y %H:%M}"
