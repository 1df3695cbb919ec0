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
