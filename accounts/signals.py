"""Session bookkeeping at login and logout; deactivating an account ends its sessions."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from accounts import sessions
from accounts.models import LoginSession, User


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.start(request, user)


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        LoginSession.objects.filter(session_key=key).delete()


@receiver(pre_save, sender=User)
def _remember_activity(sender, instance, **kwargs):
    if instance.pk is None:
        instance._was_active = instance.is_active
        return
    instance._was_active = (
        User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )


@receiver(post_save, sender=User)
def _end_sessions_when_deactivated(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_was_active", False) and not instance.is_active:
        sessions.end_all(instance)
