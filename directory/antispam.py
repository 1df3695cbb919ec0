"""Anti-spam for the public forms, without a third-party CAPTCHA.

- a honeypot field that people never see (hidden with CSS, not with JavaScript);
- a signed timestamp: a form sent less than MIN_SECONDS after it was shown is refused
  (robots post at once), and one older than MAX_SECONDS too (replayed tokens);
- per-IP rate limits on the views (django-ratelimit), and length caps on the fields.
"""

import time

from django import forms
from django.core import signing

MIN_SECONDS = 3
MAX_SECONDS = 6 * 60 * 60
_signer = signing.Signer(salt="directory.antispam")


def new_token(now: float | None = None) -> str:
    return _signer.sign(str(int(now if now is not None else time.time())))


class FreshTokenInput(forms.HiddenInput):
    """Always renders a new token, also when the form comes back with errors."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, new_token(), attrs)


class AntiSpamForm(forms.Form):
    # Named like a field robots love to fill; hidden from people by the `.hp` class.
    website = forms.CharField(label="Ne pas remplir ce champ", required=False, max_length=200)
    started = forms.CharField(widget=FreshTokenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_robot(self) -> bool:
        """True when the honeypot is filled: the view pretends success and saves nothing."""
        return bool(self.data.get(self.add_prefix("website")))

    def clean(self):
        cleaned = super().clean()
        # Reported as a form error (the field is hidden): what the person typed is kept.
        token = cleaned.get("started") or ""
        try:
            started = int(_signer.unsign(token))
        except (signing.BadSignature, ValueError):
            self.add_error(None, "Le formulaire n’a pas pu être vérifié : envoyez-le de nouveau.")
            return cleaned
        age = time.time() - started
        if age < MIN_SECONDS:
            self.add_error(
                None, "Envoi trop rapide : relisez votre message puis envoyez-le de nouveau."
            )
        elif age > MAX_SECONDS:
            self.add_error(
                None, "Le formulaire a expiré : vérifiez votre saisie et envoyez-le de nouveau."
            )
        return cleaned
