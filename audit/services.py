from audit.models import AccessAction, AccessLog


def log_access(*, actor, obj, action: str = AccessAction.READ, detail: str = "") -> AccessLog:
    """Write one line of the access log. No personal data goes in `detail`."""
    return AccessLog.objects.create(
        actor=actor,
        actor_label=f"{actor.get_full_name()} <{actor.email}>",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        detail=detail[:200],
    )
