from django import forms


class DigestPreferenceForm(forms.Form):
    daily_digest = forms.BooleanField(
        label="Recevoir chaque matin un e-mail qui dit combien de nouveautés m’attendent",
        required=False,
        help_text="L’e-mail ne contient ni nom ni détail : seulement le nombre et un lien.",
    )
