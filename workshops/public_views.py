"""The public feedback form of a session: no login, no name.

/ateliers/avis/ asks for the session's code (POST: the code never goes in a URL); a valid
code is kept in the visitor's session and /ateliers/avis/seance/ shows the short form
(a score, an optional comment). Rate limits per address, a honeypot and a minimum fill
time (directory.antispam) keep robots and code guessing out; nothing is cached.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit

from directory.antispam import AntiSpamForm
from parcours.validators import validate_free_text
from workshops import feedback
from workshops.models import SCORES, Session

SESSION_KEY = "workshops.feedback_session"
SENT_KEY = "workshops.feedback_sent"
LIMITED = "Trop d’essais depuis votre connexion : réessayez dans une heure."
UNKNOWN = (
    "Ce code ne correspond à aucune séance : vérifiez-le sur la feuille remise par "
    "l’animateur·rice (6 caractères, lettres et chiffres)."
)
ALREADY_SENT = "Votre avis est déjà enregistré. Merci !"


class FeedbackCodeForm(forms.Form):
    code = forms.CharField(
        label="Code de la séance",
        max_length=12,
        help_text="6 caractères, lettres et chiffres, donnés par l’animateur·rice "
        "(par exemple : ACD 479).",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class PublicFeedbackForm(AntiSpamForm):
    score = forms.TypedChoiceField(
        label="Qu’avez-vous pensé de cette séance ?",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez une réponse."},
    )
    comment = forms.CharField(
        label="Un commentaire ?",
        required=False,
        max_length=feedback.COMMENT_MAX_LENGTH,
        help_text="Facultatif, 1 000 caractères au plus. N’écrivez pas votre nom : "
        "votre avis est anonyme.",
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_free_text],
    )

    field_order = ["score", "comment", "website", "started"]


def _too_many_wrong_codes(request, *, count=False) -> bool:
    """True once FAILED_CODE_RATE wrong codes came from this address; `count` adds one."""
    usage = get_usage(
        request,
        group="workshops.feedback_code.wrong",
        key="ip",
        rate=feedback.FAILED_CODE_RATE,
        increment=count,
    )
    return usage is not None and usage["count"] >= usage["limit"]


@login_not_required
@never_cache
@ratelimit(key="ip", rate="60/h", method="POST", block=False)
def feedback_code(request):
    form = FeedbackCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.limited or _too_many_wrong_codes(request):
            form.is_valid()
            form.add_error(None, LIMITED)
            status = 429
        elif form.is_valid():
            session = feedback.find_session(form.cleaned_data["code"])
            if session is None:
                _too_many_wrong_codes(request, count=True)
                form.add_error("code", UNKNOWN)
            elif why := feedback.refusal(session):
                form.add_error("code", why)
            else:
                request.session[SESSION_KEY] = session.pk
                request.session.pop(SENT_KEY, None)
                return redirect("workshops:public_feedback_form")
    return render(request, "workshops/public_feedback_code.html", {"form": form}, status=status)


def _current_session(request):
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        return None
    return Session.objects.select_related("cycle__centre", "theme").filter(pk=pk).first()


@login_not_required
@never_cache
# A whole group may answer from one Wi-Fi (one address): the limit leaves room for it.
@ratelimit(key="ip", rate="60/h", method="POST", block=False)
def feedback_form(request):
    session = _current_session(request)
    if session is None:
        if request.method == "POST" and request.session.get(SENT_KEY):
            messages.info(request, ALREADY_SENT)
            return redirect("workshops:public_feedback_thanks")
        messages.info(request, "Saisissez d’abord le code de la séance.")
        return redirect("workshops:public_feedback")
    why = feedback.refusal(session)
    if why:
        request.session.pop(SESSION_KEY, None)
        return render(
            request, "workshops/public_feedback_closed.html", {"message": why}, status=410
        )
    form = PublicFeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.limited:
            form.is_valid()
            form.add_error(None, LIMITED)
            status = 429
        elif form.is_robot:
            request.session.pop(SESSION_KEY, None)
            return redirect("workshops:public_feedback_thanks")
        elif form.is_valid():
            feedback.add_public_feedback(
                session=session,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"].strip(),
            )
            request.session.pop(SESSION_KEY, None)
            request.session[SENT_KEY] = True
            return redirect("workshops:public_feedback_thanks")
    return render(
        request,
        "workshops/public_feedback_form.html",
        {"form": form, "session": session},
        status=status,
    )


@login_not_required
@never_cache
def feedback_thanks(request):
    return render(request, "workshops/public_feedback_thanks.html")
