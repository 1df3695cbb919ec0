"""Optional login through ProConnect (OpenID Connect), behind OIDC_ENABLED.

Only existing, active accounts log in this way, matched by their e-mail address: ProConnect
never creates an account, and the roles still come from the memberships. The second factor
and the session limits apply as after a password login.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.urls import path
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


class ProConnectBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        return bool(claims.get("email"))

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip().lower()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email=email, is_active=True)

    def create_user(self, claims):
        return None  # accounts are created by administrators only


def _when_enabled(view):
    def wrapper(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("La connexion ProConnect n’est pas activée.")
        return view(request, *args, **kwargs)

    return login_not_required(wrapper)


urlpatterns = [
    path(
        "connexion/",
        _when_enabled(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "retour/",
        _when_enabled(OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
