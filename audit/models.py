from django.conf import settings
from django.db import models


class AccessAction(models.TextChoices):
    READ = "read", "Consultation"
    CHANGE = "change", "Modification"
    EXPORT = "export", "Export"


class AccessLog(models.Model):
    """Who read or changed which file, and when.

    Keeps the actor's name and the object's reference as text too, so the log
    survives the deletion or anonymisation of either side.
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
    detail = models.CharField("détail", max_length=200, blank=True)
    at = models.DateTimeField("le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "accès à un dossier"
        verbose_name_plural = "journal des accès"
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"], name="access_log_object")
        ]

    def __str__(self):
        action = self.get_action_display()
        return f"{self.actor_label} – {action} – {self.object_type} {self.object_id}"
