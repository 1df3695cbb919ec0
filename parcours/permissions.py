"""Who may do what: the one module every view goes through.

Rules (DESIGN.md, "Roles and who sees what"):
- a page is for logged-in staff unless its view is marked `@login_not_required`
  (Django's LoginRequiredMiddleware does the anonymous part);
- a staff page names the roles it serves with `@role_required(...)`; any other
  role gets 403;
- objects are fetched through scoped querysets (`<things>_visible_to(user)`), so an
  outsider gets 404 and never learns that the object exists.

Trap: a user may hold several memberships (the CIP serves three centres). Scope
is always the union over the memberships *of the roles that grant it*, never
"any membership": a reception agent at Grand Air who is also a partner does not
see Grand Air's case notes through the partner role.
"""

from collections.abc import Iterable
from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.models import Membership, Role

STAFF_ROLES = frozenset(Role)


def memberships_of(user) -> list[Membership]:
    """The user's active memberships, read once per request and cached on the user."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_parcours_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("organisation", "centre")
            .order_by("role", "centre__position")
        )
        user._parcours_memberships = cached
    return cached


def roles_of(user) -> set[str]:
    return {m.role for m in memberships_of(user)}


def has_role(user, *roles: str) -> bool:
    """True when the user holds at least one of these roles."""
    return bool(roles_of(user) & set(roles))


def centre_ids_for(user, roles: Iterable[str]) -> set[int]:
    """The centres where the user holds one of these roles."""
    roles = set(roles)
    return {m.centre_id for m in memberships_of(user) if m.role in roles and m.centre_id}


def organisation_ids_for(user, roles: Iterable[str]) -> set[int]:
    roles = set(roles)
    return {m.organisation_id for m in memberships_of(user) if m.role in roles}


def role_required(*roles: str):
    """Decorator: the view serves these roles only; others get 403 (anonymous: login)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied("Cette page n’est pas accessible avec votre rôle.")
            return view(request, *args, **kwargs)

        wrapper.parcours_roles = frozenset(roles)
        return wrapper

    return decorator


def can_use_admin(user) -> bool:
    """Django's admin is for administrators only, and only with is_staff set."""
    return user.is_active and user.is_staff and has_role(user, Role.ADMINISTRATOR)


def can_moderate_comments(user) -> bool:
    """Moderators (and administrators) approve or reject comments on public pages."""
    return has_role(user, Role.MODERATOR, Role.ADMINISTRATOR)
