"""Account security: the second factor, recovery codes, password confirmation, e-mail change."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import second_factor, sessions
from accounts.forms import EmailChangeForm, PasswordConfirmationForm, SecondFactorCodeForm
from accounts.middleware import second_factor_exempt
from audit.models import AccessAction
from audit.services import log_access
from notifications.services import queue_email
from parcours.permissions import STAFF_ROLES, needs_second_factor, role_required


def _next_url(request, default="dashboard:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def recent_password_required(view):
    """The password must have been typed in the last REAUTHENTICATION_MAX_AGE seconds."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not sessions.is_recent(request, settings.REAUTHENTICATION_MAX_AGE):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:reauthenticate')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper


@second_factor_exempt
@role_required(*STAFF_ROLES)
def second_factor_verify(request):
    """After the password: the code from the app, or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not second_factor.has_second_factor(request.user):
        return redirect(f"{reverse('accounts:second_factor_setup')}?{request.GET.urlencode()}")
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify(request, form.cleaned_data["code"])
        if device is not None:
            if second_factor.is_recovery(device):
                left = second_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"Code de secours utilisé : il vous en reste {left}. "
                    "Générez-en de nouveaux depuis « Sécurité du compte » si besoin.",
                )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            "Ce code n’est pas valable. Saisissez le code affiché en ce moment par votre "
            "application (il change toutes les 30 secondes) ou un code de secours non utilisé.",
        )
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@second_factor_exempt
@role_required(*STAFF_ROLES)
@recent_password_required
def second_factor_setup(request):
    """Pair an authenticator app: scan the QR code (or type the secret), then type a code.

    A first setup comes right after the password; replacing an app needs the session to be
    verified with the current one (or a recovery code) and a recent password.
    """
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:second_factor_verify')}?{request.GET.urlencode()}")
    device = second_factor.pending_app_device(user)
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_app(request, device, form.cleaned_data["code"])
        if codes is not None:
            log_access(actor=user, obj=user, action=AccessAction.CHANGE, detail="second facteur")
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "just_paired": True},
            )
        form.add_error(
            "code",
            "Ce code ne correspond pas. Vérifiez que l’application affiche le compte "
            "« Parcours – Montreuil » et saisissez le code du moment.",
        )
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_svg(device),
            "secret": second_factor.secret_for_display(device),
            "next": request.GET.get("next", ""),
            "required": needs_second_factor(user),
        },
    )


@role_required(*STAFF_ROLES)
def security(request):
    """Overview: second factor, recovery codes, password, e-mail address."""
    return render(
        request,
        "accounts/security.html",
        {
            "has_app": second_factor.has_second_factor(request.user),
            "codes_left": second_factor.recovery_codes_left(request.user),
            "required": needs_second_factor(request.user),
        },
    )


@role_required(*STAFF_ROLES)
@require_POST
@recent_password_required
def recovery_codes(request):
    """New recovery codes (the old ones stop working), shown once."""
    codes = second_factor.new_recovery_codes(request.user)
    log_access(
        actor=request.user, obj=request.user, action=AccessAction.CHANGE, detail="codes de secours"
    )
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:security"), "just_paired": False},
    )


@second_factor_exempt
@role_required(*STAFF_ROLES)
def reauthenticate(request):
    """Type the password again before a sensitive change."""
    form = PasswordConfirmationForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        sessions.mark_reauthenticated(request)
        return redirect(_next_url(request, default="accounts:security"))
    return render(
        request,
        "accounts/reauthenticate.html",
        {"form": form, "next": request.GET.get("next") or request.POST.get("next", "")},
    )


@role_required(*STAFF_ROLES)
@recent_password_required
def email_change(request):
    """Change one's login address; the previous address is told."""
    user = request.user
    form = EmailChangeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        previous = user.email
        user.email = form.cleaned_data["email"]
        user.save(update_fields=["email"])
        log_access(actor=user, obj=user, action=AccessAction.CHANGE, detail="adresse e-mail")
        queue_email(
            to=previous,
            subject="Parcours : votre adresse de connexion a changé",
            body=(
                "Bonjour,\n\nL’adresse de connexion de votre compte Parcours vient d’être "
                "remplacée. Si vous n’êtes pas à l’origine de ce changement, prévenez sans "
                "attendre un·e administrateur·rice de Parcours.\n"
            ),
        )
        messages.success(request, "Votre adresse de connexion a été changée.")
        return redirect("accounts:security")
    return render(request, "accounts/email_change.html", {"form": form})
