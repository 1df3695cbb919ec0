"""The second factor: an authenticator app (TOTP) and single-use recovery codes.

django-otp keeps the devices; `django_otp.login` marks the session as verified.
"""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Application d’authentification"
RECOVERY_DEVICE_NAME = "Codes de secours"
RECOVERY_CODE_COUNT = 10


def has_second_factor(user) -> bool:
    """True when the user has a confirmed authenticator app (or a demo code)."""
    return any(
        not isinstance(device, StaticDevice) for device in devices_for_user(user, confirmed=True)
    )


def pending_app_device(user) -> TOTPDevice:
    """The authenticator app being set up (not confirmed yet): one per user, reused."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The secret in groups of four, for typing it into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no outside service, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, title="Code QR à scanner avec votre application d’authentification"
    )


@transaction.atomic
def confirm_app(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Checks the first code from the app; on success the app replaces any previous one, the
    session is verified, and new recovery codes are returned (shown once)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(_clean(token)):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replaces the user's recovery codes with RECOVERY_CODE_COUNT new single-use ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(request, token: str):
    """A code from the app, or one recovery code (used up), verifies the session.

    Returns the device that accepted the code, or None."""
    device = match_token(request.user, _clean(token))
    if device is not None:
        otp_login(request, device)
    return device


def is_recovery(device) -> bool:
    return isinstance(device, StaticDevice)


def _clean(token: str) -> str:
    return "".join(str(token).split()).lower()
