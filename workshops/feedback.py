"""The participants' feedback on a session through a short public form.

Each session gets a code of six characters from an alphabet without look-alikes (no 0/O,
1/I/L, 2/Z, 5/S, 8/B), random and unique, given the first time the facilitator's pages
show it. A participant types it on /ateliers/avis/ (no login, no name): the code is
accepted from the session's day to VALID_DAYS days after. Wrong codes are counted per
address (FAILED_CODE_RATE) so that codes cannot be tried in bulk; the answer is a score
and an optional comment, stored as an anonymous `Feedback` with the source "public form".
"""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from workshops.models import Feedback, FeedbackSource, Session

ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"
CODE_LENGTH = 6
VALID_DAYS = 14
# Wrong codes per address and hour before the code form refuses every attempt.
FAILED_CODE_RATE = "10/h"
COMMENT_MAX_LENGTH = 1000


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_for(session) -> str:
    """The session's code, given now if it has none (a few tries on a rare collision)."""
    if session.feedback_code:
        return session.feedback_code
    for _ in range(10):
        code = new_code()
        try:
            with transaction.atomic():
                updated = Session.objects.filter(pk=session.pk, feedback_code__isnull=True).update(
                    feedback_code=code
                )
        except IntegrityError:
            continue
        if not updated:  # given meanwhile by another request
            code = Session.objects.values_list("feedback_code", flat=True).get(pk=session.pk)
        session.feedback_code = code
        return code
    raise RuntimeError("No free feedback code found.")


def display_code(code: str) -> str:
    """ "ACD479" -> "ACD 479": easier to read aloud and to copy."""
    return f"{code[:3]} {code[3:]}" if code else ""


def normalise(text: str) -> str:
    """What a person typed, as stored: capitals, no spaces nor dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def opens_on(session) -> datetime.date:
    return session.on


def closes_on(session) -> datetime.date:
    """The last day the code is accepted."""
    return session.on + datetime.timedelta(days=VALID_DAYS)


def find_session(code: str):
    code = normalise(code)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return (
        Session.objects.select_related("cycle__centre", "theme").filter(feedback_code=code).first()
    )


def refusal(session, today=None) -> str:
    """Why the code of this session is not accepted today, in French; "" when it is."""
    today = today or timezone.localdate()
    if today < opens_on(session):
        return (
            f"Les avis sur cette séance s’ouvrent le jour de la séance, "
            f"le {session.on:%d/%m/%Y}. Revenez à partir de cette date."
        )
    if today > closes_on(session):
        return (
            f"Ce code a expiré : les avis sur une séance sont reçus pendant {VALID_DAYS} jours "
            "après la séance. Merci quand même ! Vous pouvez donner votre avis à "
            "l’animateur·rice lors de la prochaine séance."
        )
    return ""


def add_public_feedback(*, session, score, comment) -> Feedback:
    """An anonymous answer: no account, no name, no address kept."""
    return Feedback.objects.create(
        session=session, score=score, comment=comment, by=None, source=FeedbackSource.PUBLIC_FORM
    )


def public_form_context(request, session) -> dict:
    """What the facilitator's pages show: the code, where to type it, a QR code to get there
    (the address only: the code is typed, never carried in a URL)."""
    import segno
    from django.urls import reverse

    code = code_for(session)
    url = request.build_absolute_uri(reverse("workshops:public_feedback"))
    return {
        "code": display_code(code),
        "url": url,
        "qr_svg": segno.make(url, error="m").svg_inline(
            scale=4, border=2, title="Code QR menant au formulaire d’avis en ligne"
        ),
        "opens_on": opens_on(session),
        "closes_on": closes_on(session),
    }
