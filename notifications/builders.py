"""Messages built at send time, so that their secret is never stored in the database."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template import loader
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def password_reset(user) -> str:
    """The password-reset message, with a fresh link (Django's token, valid
    PASSWORD_RESET_TIMEOUT from now; it stops working once the password changes)."""
    site = urlsplit(settings.SITE_URL)
    context = {
        "email": user.email,
        "domain": site.netloc,
        "site_name": site.netloc,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme or "https",
    }
    return loader.render_to_string("accounts/emails/password_reset.txt", context)


BUILDERS = {"password_reset": password_reset}
