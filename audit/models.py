from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class AccessAction(models.TextChoices):
    READ = "read", "Consultation"
    CHANGE = "change", "Modification"
    EXPORT = "export", "Export"


class AccessLog(models.Model):
    """Who read or changed which file, and when.

    Keeps the actor's name and the object's reference as text too, so the log
    survives the deletion or anonymisation of either side. `person_ids` lists every
    person the page showed (one row per page view, e.g. all the ids of a search page).
    On PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002), except the
    retention job's purge (`audit.retention.history_write_allowed`).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="par",
    )
    actor_label = models.CharField("par (texte)", max_length=200)
    action = models.CharField("action", max_length=10, choices=AccessAction.choices)
    object_type = models.CharField("type d’objet", max_length=60)
    object_id = models.CharField("identifiant", max_length=40)
    person_ids = ArrayField(
        models.BigIntegerField(), verbose_name="personnes concernées", default=list, blank=True
    )
    detail = models.CharField("détail", max_length=200, blank=True)
    at = models.DateTimeField("le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "accès à un dossier"
        verbose_name_plural = "journal des accès"
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"], name="access_log_object"),
            GinIndex(fields=["person_ids"], name="access_log_persons"),
            models.Index(fields=["actor", "-at"], name="access_log_actor"),
        ]

    def __str__(self):
        action = self.get_action_display()
        return f"{self.actor_label} – {action} – {self.object_type} {self.object_id}"


class UnusualReadingAlert(models.Model):
    """One account opened more files in an hour than `AUDIT_UNUSUAL_READS_PER_HOUR`."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField("compte", max_length=200)
    hour = models.DateTimeField("heure")
    files = models.PositiveIntegerField("fiches ouvertes")
    created_at = models.DateTimeField("signalé le", auto_now_add=True)

    class Meta:
        verbose_name = "lecture inhabituelle"
        verbose_name_plural = "lectures inhabituelles"
        ordering = ["-hour"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "hour"], name="unusual_reading_once")
        ]

    def __str__(self):
        return f"{self.actor_label} – {self.files} fiches – {self.hour:%d/%m/%Y %H:%M}"


class RetentionPolicy(models.Model):
    """How long an organisation keeps a person's file after the last contact (1–36 months)."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="retention_policy",
        verbose_name="organisation",
    )
    months = models.PositiveSmallIntegerField(
        "durée de conservation après le dernier contact (mois)",
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )

    class Meta:
        verbose_name = "durée de conservation"
        verbose_name_plural = "durées de conservation"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=36), name="retention_months_1_36"
            )
        ]

    def __str__(self):
        return f"{self.organisation} : {self.months} mois"


class RetentionWarning(models.Model):
    """The referent was told that a file will be anonymised (once per file and deadline)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField("anonymisation prévue le")
    warned_at = models.DateTimeField("prévenu le", auto_now_add=True)

    class Meta:
        verbose_name = "avertissement de fin de conservation"
        verbose_name_plural = "avertissements de fin de conservation"
        # No unique constraint: a merge moves these rows onto the kept file.
        indexes = [models.Index(fields=["person", "due_on"], name="retention_warning_person")]

    def __str__(self):
        return f"Fiche n° {self.person_id} – échéance {self.due_on:%d/%m/%Y}"


class RetentionRun(models.Model):
    """The report of one run of the retention job (or of its dry run)."""

    started_at = models.DateTimeField("lancé le", auto_now_add=True)
    dry_run = models.BooleanField("simulation", default=False)
    counts = models.JSONField("chiffres", default=dict)
    report = models.TextField("compte rendu", blank=True)

    class Meta:
        verbose_name = "passage de la conservation"
        verbose_name_plural = "passages de la conservation"
        ordering = ["-started_at"]

    def __str__(self):
        kind = "Simulation" if self.dry_run else "Passage"
        return f"{kind} du {self.started_at:%d/%m/%Y %H:%M}"


class RightsRequestKind(models.TextChoices):
    ERASURE = "erasure", "Effacement"
    RESTRICTION = "restriction", "Limitation du traitement"


class RightsRequestStatus(models.TextChoices):
    PENDING = "pending", "En attente de validation"
    APPROVED = "approved", "Validée et appliquée"
    REFUSED = "refused", "Refusée"


class RightsRequest(models.Model):
    """A person asked for erasure or restriction; a second colleague approves it."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="rights_requests"
    )
    kind = models.CharField("demande", max_length=20, choices=RightsRequestKind.choices)
    reason = models.CharField("motif", max_length=300, blank=True)
    status = models.CharField(
        "état",
        max_length=20,
        choices=RightsRequestStatus.choices,
        default=RightsRequestStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField("demandée le", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)

    class Meta:
        verbose_name = "demande d’effacement ou de limitation"
        verbose_name_plural = "demandes d’effacement ou de limitation"
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=models.Q(status="pending"),
                name="rights_request_one_pending",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – fiche n° {self.person_id}"


class SubmittedForm(models.Model):
    """An idempotency key: a create form submitted once (parcours.idempotency)."""

    key = models.UUIDField("clé", unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField("page du résultat", max_length=200, blank=True)
    created_at = models.DateTimeField("le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "formulaire envoyé"
        verbose_name_plural = "formulaires envoyés"

    def __str__(self):
        return str(self.key)
