"""Bilans: a period's figures and what the team writes about them, versions kept, the final
one frozen (its figures stored as they were shown, never recomputed)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class BilanStatus(models.TextChoices):
    DRAFT = "draft", "En cours de rédaction"
    FINAL = "final", "Version finale"


# The written parts, in the order of the document: (field, title, what to write).
WRITTEN_PARTS = [
    ("worked", "Ce qui a fonctionné", "Les actions, partenariats et pratiques qui ont réussi."),
    ("difficulties", "Difficultés", "Ce qui a freiné : moyens, délais, partenaires, publics."),
    ("improvements", "Améliorations", "Ce qui a été ou sera changé, et pourquoi."),
    ("outlook", "Perspectives", "Les objectifs et les moyens humains demandés pour la suite."),
]


class Bilan(models.Model):
    """A centre's bilan (centre set) or the integration service's (centre empty: every
    municipal centre), for a period. Its written parts live in `BilanVersion` rows."""

    title = models.CharField("titre", max_length=200)
    centre = models.ForeignKey(
        "organisations.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="centre social",
        help_text="Vide : bilan du service d’insertion (tous les centres municipaux).",
    )
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    age_bands = models.CharField("tranches d’âge", max_length=100)
    status = models.CharField(
        "état", max_length=10, choices=BilanStatus.choices, default=BilanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="créé par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="validé par",
    )
    finalised_at = models.DateTimeField("validé le", null=True, blank=True)
    # Frozen at finalisation: the figures exactly as shown (reports.registry.compute_figures),
    # the centres covered [[id, name], ...] and the moment they were computed.
    figures = models.JSONField("chiffres figés", null=True, blank=True)
    frozen_centres = models.JSONField("centres couverts", null=True, blank=True)
    figures_as_of = models.DateTimeField("chiffres calculés le", null=True, blank=True)
    is_public = models.BooleanField("chiffres publiés sur le site public", default=False)

    class Meta:
        verbose_name = "bilan"
        verbose_name_plural = "bilans"
        ordering = ["-period_end", "-pk"]
        indexes = [models.Index(fields=["centre", "-period_end"], name="bilan_centre_period")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="bilan_period_in_order"
            ),
            models.CheckConstraint(
                condition=~Q(status="final") | Q(figures__isnull=False),
                name="bilan_final_has_figures",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status == BilanStatus.FINAL

    @property
    def scope_label(self) -> str:
        return self.centre.name if self.centre_id else "Service d’insertion (centres municipaux)"


class BilanVersion(models.Model):
    """One saved state of the written parts: each save adds a version, none is overwritten."""

    bilan = models.ForeignKey(
        Bilan, on_delete=models.CASCADE, related_name="versions", verbose_name="bilan"
    )
    number = models.PositiveIntegerField("version")
    worked = models.TextField("ce qui a fonctionné", blank=True)
    difficulties = models.TextField("difficultés", blank=True)
    improvements = models.TextField("améliorations", blank=True)
    outlook = models.TextField("perspectives", blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="écrite par",
    )
    written_at = models.DateTimeField("écrite le", auto_now_add=True)

    class Meta:
        verbose_name = "version d’un bilan"
        verbose_name_plural = "versions des bilans"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["bilan", "number"], name="bilan_version_unique")
        ]

    def __str__(self):
        return f"{self.bilan} – version {self.number}"

    @property
    def parts(self) -> list[tuple[str, str]]:
        return [(title, getattr(self, field)) for field, title, _ in WRITTEN_PARTS]


class DayBits(models.Field):
    """One bit per day of a year (PostgreSQL bit(366)), read as a string of 0 and 1."""

    description = "jours d’une année"

    def db_type(self, connection):
        return "bit(366)"


class PassageDay(models.Model):
    """Passages at the desk of one centre on one local day: all, anonymous, linked to the
    accompaniment. Kept exact by triggers (reports/summaries.py); never written by the
    application."""

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    day = models.DateField()
    visits = models.IntegerField(default=0)
    anonymous = models.IntegerField(default=0)
    accompaniment = models.IntegerField(default=0)

    class Meta:
        verbose_name = "passages d’un jour (bilans)"
        verbose_name_plural = "passages par jour (bilans)"
        constraints = [
            models.UniqueConstraint(fields=["centre", "day"], name="passageday_centre_day"),
        ]

    def __str__(self):
        return f"{self.visits} passages le {self.day:%d/%m/%Y}"


class ReceivedYear(models.Model):
    """The days of a year a person was received at a centre (a passage with their file, a
    request), and those about the accompaniment. Kept exact by triggers
    (reports/summaries.py); never written by the application. `person_id` is a plain
    number: the rows follow the visits and requests, a merge moves those."""

    centre = models.ForeignKey(
        "organisations.Centre", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    person_id = models.BigIntegerField()
    year = models.SmallIntegerField()
    days = DayBits()
    accompanied = DayBits()

    class Meta:
        verbose_name = "jours d’accueil d’une personne (bilans)"
        verbose_name_plural = "jours d’accueil des personnes (bilans)"
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "person_id"], name="receivedyear_centre_year_person"
            ),
        ]

    def __str__(self):
        return f"Jours d’accueil {self.year}"


class RequestLastMove(models.Model):
    """The last status change of a request (latest `at`, then `id`): the status it has
    been in since. Kept exact by triggers (reports/request_moves.py); never written by the
    application. The requests still open at the end of a period read these rows, not every
    move of their history. `request_id` is a plain number: the rows follow the moves."""

    request_id = models.BigIntegerField(primary_key=True)
    status = models.CharField(max_length=20)
    at = models.DateTimeField()
    transition_id = models.BigIntegerField()

    class Meta:
        verbose_name = "dernier changement de statut d’une demande (bilans)"
        verbose_name_plural = "derniers changements de statut des demandes (bilans)"
        indexes = [
            models.Index(fields=["at"], name="requestlast_at"),
            models.Index(
                fields=["request_id"],
                condition=~models.Q(status="closed"),
                name="requestlast_open",
            ),
        ]

    def __str__(self):
        return f"{self.status} depuis le {self.at:%d/%m/%Y}"


class FigureSnapshot(models.Model):
    """A scope's figures as computed once (reports.snapshots): served again while no data
    they come from has changed since, so a year's bilan costs a read, not a computation.

    `pg_snapshot` is PostgreSQL's snapshot taken before computing: the figures are current
    while every transaction that wrote to a source table since is visible in it."""

    key = models.CharField("clé", max_length=64, unique=True)
    centre_ids = models.JSONField("centres")
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    age_bands = models.CharField("tranches d’âge", max_length=100)
    indicators = models.CharField("indicateurs", max_length=200)
    figures = models.JSONField("chiffres")
    as_of = models.DateTimeField("calculés le")
    pg_snapshot = models.TextField("instantané PostgreSQL")
    computed_ms = models.PositiveIntegerField("durée du calcul (ms)")
    read_on = models.DateField("dernière lecture")

    class Meta:
        verbose_name = "chiffres calculés d’avance"
        verbose_name_plural = "chiffres calculés d’avance"
        indexes = [models.Index(fields=["read_on"], name="figuresnapshot_read_on")]

    def __str__(self):
        return f"{self.period_start} – {self.period_end} ({self.indicators})"
