from django import forms
from django.contrib.auth import forms as auth_forms

from notifications.services import queue_built_email


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": (
            "Adresse e-mail ou mot de passe incorrect. Vérifiez la saisie, "
            "les majuscules comptent dans le mot de passe."
        ),
        "inactive": "Ce compte est désactivé. Adressez-vous à un·e administrateur·rice.",
    }

    def clean_username(self):
        return self.cleaned_data["username"].lower()


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Hand the message to the task queue instead of sending it during the request.

        The link is a secret: the body is built when the message is sent, never stored.
        """
        from django.template import loader

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        queue_built_email(to=to_email, subject=subject, kind="password_reset", user=context["user"])


class ActingCentreForm(forms.Form):
    centre = forms.ChoiceField(label="Centre pour lequel vous travaillez", widget=forms.RadioSelect)

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.centres = {str(centre.pk): centre for centre in centres}
        self.fields["centre"].choices = [(pk, centre.name) for pk, centre in self.centres.items()]

    def clean_centre(self):
        return self.centres[self.cleaned_data["centre"]]


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code de vérification",
        max_length=32,
        help_text=(
            "Les 6 chiffres affichés par votre application d’authentification, "
            "ou l’un de vos codes de secours."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class PasswordConfirmationForm(forms.Form):
    password = forms.CharField(
        label="Mot de passe actuel",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        from django.contrib.auth import authenticate

        password = self.cleaned_data["password"]
        user = self.request.user
        # Through authenticate(): a wrong password counts as a failed login (django-axes).
        if authenticate(self.request, username=user.email, password=password) != user:
            raise forms.ValidationError("Mot de passe incorrect.", code="invalid")
        return password


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label="Nouvelle adresse e-mail", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        from accounts.models import User

        email = self.cleaned_data["email"].strip().lower()
        if email == self.user.email:
            raise forms.ValidationError("C’est déjà votre adresse de connexion.")
        if User.objects.filter(email=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError("Cette adresse est déjà celle d’un autre compte.")
        return email
