from django.conf import settings
from django.db import models


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
