import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts.acting import acting_centre_for
from accounts.sessions import AUTH_AT, SEEN_AT
from parcours.permissions import needs_second_factor

# Refresh the "last seen" mark at most once a minute: one session write a minute, not one
# per request.
SEEN_RESOLUTION = 60


class ActingMembershipMiddleware:
    """Puts the centre the user acts for on the request (chosen once, kept in session).

    A CIP serves three centres: what she creates (a visit, an appointment) belongs to
    the centre she acts for. Reading scope is not narrowed by it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting_centre = acting_centre_for(request)
        return self.get_response(request)


class SessionLimitsMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT without a request, or SESSION_COOKIE_AGE
    after the login, whichever comes first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            auth_at = session.get(AUTH_AT)
            seen_at = session.get(SEEN_AT, auth_at)
            if auth_at is None:
                session[AUTH_AT] = session[SEEN_AT] = now
            elif (
                now - seen_at > settings.SESSION_IDLE_TIMEOUT
                or now - auth_at > settings.SESSION_COOKIE_AGE
            ):
                idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT
                logout(request)
                # Anonymous from here on: a staff page sends to the login (with `next`,
                # LoginRequiredMiddleware), a public page still opens.
                messages.info(
                    request,
                    "Votre session a pris fin après 30 minutes d’inactivité : reconnectez-vous."
                    if idle
                    else "Votre session a pris fin après 12 heures : reconnectez-vous.",
                )
            elif now - seen_at >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
        return self.get_response(request)


def second_factor_exempt(view):
    """Marks a view that a logged-in user reaches before passing the second factor."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    """Users who need a second factor (parcours.permissions.needs_second_factor) reach no
    staff page, the admin included, before passing it: they are sent to enter a code, or to
    set up an authenticator app when they have none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        if getattr(view_func, "second_factor_exempt", False):
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public pages (login_not_required)
        if request.user.is_verified() or not needs_second_factor(request.user):
            return None
        from accounts.second_factor import has_second_factor

        target = (
            "accounts:second_factor_verify"
            if has_second_factor(request.user)
            else "accounts:second_factor_setup"
        )
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")
