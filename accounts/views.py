from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit

from accounts.acting import centres_of, set_acting_centre
from accounts.forms import ActingCentreForm, LoginForm, PasswordResetForm
from parcours.permissions import STAFF_ROLES, role_required


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """E-mail and password; failed attempts are throttled by django-axes (accounts/throttle.py).

    Users who need a second factor are then sent to it by SecondFactorMiddleware.
    """

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        context["proconnect"] = settings.OIDC_ENABLED
        context["proconnect_refused"] = self.request.GET.get("proconnect") == "refuse"
        return context


class LogoutView(auth_views.LogoutView):
    pass


@method_decorator(role_required(*STAFF_ROLES), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("dashboard:home")

    def form_valid(self, form):
        messages.success(self.request, "Votre mot de passe a été changé.")
        return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
@method_decorator(ratelimit(key="ip", rate="5/h", method="POST", block=True), name="post")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The e-mailed link proves the account's owner: it also lifts a login lockout.
        axes_reset(username=form.user.email.lower())
        messages.success(self.request, "Votre mot de passe a été enregistré. Connectez-vous.")
        return response


@role_required(*STAFF_ROLES)
def choose_centre(request):
    """Pick the centre one acts for (users who serve several centres)."""
    centres = centres_of(request.user)
    form = ActingCentreForm(
        request.POST or None,
        centres=centres,
        initial={"centre": str(request.acting_centre.pk) if request.acting_centre else None},
    )
    if request.method == "POST" and form.is_valid():
        set_acting_centre(request, form.cleaned_data["centre"])
        messages.success(
            request, f"Vous travaillez désormais pour le centre {form.cleaned_data['centre'].name}."
        )
        return redirect("dashboard:home")
    return render(request, "accounts/choose_centre.html", {"form": form, "centres": centres})
