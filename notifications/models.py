from django.conf import settings
from django.db import models

from parcours.french import de


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "À envoyer"
    SENDING = "sending", "Envoi en cours"
    SENT = "sent", "Envoyé"
    UNCERTAIN = "uncertain", "Envoi incertain (signalé aux administrateurs)"


class OutgoingEmail(models.Model):
    """A message handed to the task queue, sent at most once.

    The send is claimed (status "sending", committed) before the provider is called; a
    job that finds a claimed message never sends it again: it marks it "uncertain" and
    reports it to the administrators. The body is cleared once sent; messages holding a
    secret (a password-reset link) are built at send time and never stored (`kind`).
    Rows are purged after EMAIL_RETENTION_DAYS.
    """

    to = models.EmailField("destinataire")
    subject = models.CharField("objet", max_length=200)
    body = models.TextField("texte", blank=True)
    kind = models.CharField("message construit à l’envoi", max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reply_to = models.EmailField("répondre à", blank=True)
    status = models.CharField(
        "état", max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    claimed_at = models.DateTimeField("envoi commencé le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)

    class Meta:
        verbose_name = "e-mail sortant"
        verbose_name_plural = "e-mails sortants"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"], name="outgoing_email_created")]

    def __str__(self):
        return self.subject


# --- In-app notifications ("Nouveautés pour moi") and the daily digest ----------------------
# Written through `notifications.inbox.notify`; the digest through `notifications.digest`.


class NotificationKind(models.TextChoices):
    HANDOFF = "handoff", "Personne transmise"
    REQUEST_SUBMITTED = "request_submitted", "Demande transmise à la CIP"
    COLLEAGUE_HANDOFF = "colleague_handoff", "Demande confiée par un·e collègue"
    OTHER = "other", "Autre"


class Notification(models.Model):
    """Something new for one user: a line of text (no person's name) and where to look."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="destinataire",
    )
    kind = models.CharField("type", max_length=30, choices=NotificationKind.choices)
    text = models.CharField("texte", max_length=300)
    url = models.CharField("lien", max_length=300)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    read_at = models.DateTimeField("lue le", null=True, blank=True)
    # Counted in a daily digest already: a digest tells only what is new since the last one.
    emailed_at = models.DateTimeField("signalée par e-mail le", null=True, blank=True)

    class Meta:
        verbose_name = "notification"
        verbose_name_plural = "notifications"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_created"),
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class InboxPreference(models.Model):
    """A user's choice about the daily e-mail digest; no row means the default (on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="inbox_preference",
        verbose_name="utilisateur",
    )
    daily_digest = models.BooleanField("récapitulatif quotidien par e-mail", default=True)

    class Meta:
        verbose_name = "préférence de notification"
        verbose_name_plural = "préférences de notification"

    def __str__(self):
        return f"Préférences {de(self.user)}"


class DigestSent(models.Model):
    """One digest per user per day: the unique row makes the periodic job idempotent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="destinataire",
    )
    day = models.DateField("jour")
    count = models.PositiveIntegerField("nouveautés signalées")
    created_at = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "récapitulatif envoyé"
        verbose_name_plural = "récapitulatifs envoyés"
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_user_per_day")
        ]

    def __str__(self):
        return f"Récapitulatif du {self.day:%d/%m/%Y}"
