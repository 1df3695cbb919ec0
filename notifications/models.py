from django.db import models


class OutgoingEmail(models.Model):
    """A message handed to the task queue.

    The row makes sending idempotent: a job retried after a crash sees `sent_at`
    and does not send twice. Rows are purged after EMAIL_RETENTION_DAYS.
    """

    to = models.EmailField("destinataire")
    subject = models.CharField("objet", max_length=200)
    body = models.TextField("texte")
    reply_to = models.EmailField("répondre à", blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)

    class Meta:
        verbose_name = "e-mail sortant"
        verbose_name_plural = "e-mails sortants"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"], name="outgoing_email_created")]

    def __str__(self):
        return self.subject
