"""Sessions: when they started, when they were last used, and ending them all for a user."""

import time

from django.contrib.sessions.models import Session

AUTH_AT = "parcours_auth_at"  # when the password was given (login)
SEEN_AT = "parcours_seen_at"  # last request, to the minute
REAUTH_AT = "parcours_reauth_at"  # last time the password was typed (login or confirmation)


def start(request, user) -> None:
    """Called at login: dates the session and records it against the user."""
    from accounts.models import LoginSession

    now = int(time.time())
    request.session[AUTH_AT] = request.session[SEEN_AT] = request.session[REAUTH_AT] = now
    if request.session.session_key is None:
        request.session.save()
    # Forget the user's sessions that have ended meanwhile (expired, logged out elsewhere).
    live = Session.objects.filter(
        session_key__in=LoginSession.objects.filter(user=user).values("session_key")
    ).values("session_key")
    LoginSession.objects.filter(user=user).exclude(session_key__in=live).delete()
    LoginSession.objects.get_or_create(session_key=request.session.session_key, user=user)


def end_all(user) -> int:
    """Ends every open session of the user (deactivated account). Returns how many."""
    from accounts.models import LoginSession

    keys = list(LoginSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    LoginSession.objects.filter(user=user).delete()
    return deleted


def is_recent(request, max_age: int) -> bool:
    at = request.session.get(REAUTH_AT)
    return at is not None and int(time.time()) - at <= max_age


def mark_reauthenticated(request) -> None:
    request.session[REAUTH_AT] = int(time.time())
