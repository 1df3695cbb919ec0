"""The partner's side: with an account (only the orientations sent to its organisation, one
at a time, never a file), or through the e-mailed link (no account).

The link's token is checked once, then kept in the session and stripped from the address
by a redirect (it would otherwise land in logs and Referer headers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accompaniment import orientations as orientation_services
from accompaniment.choices import OrientationStatus
from accompaniment.forms import OutcomeForm, RefuseForm, SimpleAnswerForm
from accompaniment.models import OrientationLink
from accompaniment.selectors import received_orientation, received_orientations
from accompaniment.views.accompaniments import ALREADY_DONE
from accounts.models import Role
from audit.services import log_access
from parcours.permissions import role_required
from people.choices import NoteVisibility, SharedInformation
from people.models import Note

SESSION_KEY = "orientation_link"
OUTCOME_LABELS = {
    "done": "Ce qui a été fait (facultatif)",
    "no_follow_up": "Pourquoi sans suite (facultatif)",
}
PAGE_SIZE = 25
INVALID = (
    "Ce lien n’est pas valide. Vérifiez qu’il est complet, ou demandez un nouvel envoi "
    "à la structure qui vous a orienté la personne."
)
EXPIRED = (
    "Ce lien a expiré. Vous pouvez recevoir un nouveau lien à l’adresse e-mail "
    "enregistrée de votre service."
)
RENEWED = (
    "Si cette orientation attend encore une réponse, un nouveau lien vient d’être envoyé "
    "à l’adresse e-mail enregistrée du service."
)
USED = (
    "Cette orientation a reçu toutes les réponses attendues : ce lien ne donne plus accès "
    "à ses informations."
)
# A link shows the orientation while the partner has something to answer.
OPEN_TO_ANSWERS = (OrientationStatus.SENT, OrientationStatus.ACCEPTED)
THANKS = (
    "Réponse enregistrée. Merci ! Vous pourrez revenir sur ce lien pour indiquer la suite donnée."
)
REVOKED = "Ce lien a été désactivé par la structure qui vous a orienté la personne."


def shared_with_partner(orientation) -> dict:
    """Only what the person consented to share with this partner for this orientation."""
    person = orientation.accompaniment.person
    shared = set(orientation.shared)
    view = {"identity": None, "situation": None, "notes": None}
    if SharedInformation.IDENTITY in shared:
        view["identity"] = [
            ("Nom", person.full_name),
            (
                "Date de naissance",
                person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "–",
            ),
            ("Téléphone", person.phone.as_national if person.phone else "–"),
            ("E-mail", person.email or "–"),
        ]
    if SharedInformation.SITUATION in shared:
        view["situation"] = [
            ("Situation professionnelle", person.get_employment_situation_display() or "–"),
            ("Ressources", ", ".join(person.resource_labels) or "–"),
            ("Demande", ", ".join(orientation.accompaniment.request.need_labels) or "–"),
        ]
    if SharedInformation.NOTES in shared:
        view["notes"] = list(
            Note.objects.filter(person=person, visibility=NoteVisibility.SHARED).order_by(
                "-created_at"
            )[:20]
        )
    return view


def _answer_forms(orientation):
    forms = []
    for answer in orientation_services.answers_from(orientation.status):
        initial = {"expected_status": orientation.status}
        if answer.name == "refuse":
            form = RefuseForm(initial=initial, prefix=answer.name)
        elif answer.source == OrientationStatus.ACCEPTED:
            form = OutcomeForm(initial=initial, prefix=answer.name)
            form.fields["comment"].label = OUTCOME_LABELS[answer.name]
        else:
            form = SimpleAnswerForm(initial=initial, prefix=answer.name)
        form.answer = answer
        forms.append(form)
    return forms


def _bound_form(answer, data):
    if answer.name == "refuse":
        form = RefuseForm(data, prefix=answer.name)
    elif answer.source == OrientationStatus.ACCEPTED:
        form = OutcomeForm(data, prefix=answer.name)
        form.fields["comment"].label = OUTCOME_LABELS[answer.name]
    else:
        form = SimpleAnswerForm(data, prefix=answer.name)
    form.answer = answer
    return form


def _apply(orientation, answer, form, **who):
    data = form.cleaned_data
    orientation_services.answer(
        orientation,
        answer.name,
        expected_status=data["expected_status"],
        reasons=data.get("reasons", ()),
        message=data.get("message", ""),
        comment=data.get("comment", ""),
        **who,
    )


# ---- With an account ---------------------------------------------------------------------


@role_required(Role.PARTNER)
def received_list(request):
    """The orientations sent to the partner's organisation: no name in the list."""
    page = Paginator(received_orientations(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accompaniment/partner_list.html", {"page": page})


def _render_received(request, orientation, forms=None, status=200):
    log_access(
        actor=request.user,
        obj=orientation.accompaniment.person,
        detail="Orientation consultée par un partenaire",
    )
    return render(
        request,
        "accompaniment/partner_orientation.html",
        {
            "orientation": orientation,
            "shared": shared_with_partner(orientation),
            "forms": forms or _answer_forms(orientation),
            "action_url_name": "orientations:received_answer",
            "via_link": False,
        },
        status=status,
    )


@role_required(Role.PARTNER)
def received_detail(request, pk):
    return _render_received(request, received_orientation(request.user, pk))


@role_required(Role.PARTNER)
@require_POST
def received_answer(request, pk, name):
    orientation = received_orientation(request.user, pk)
    answer = orientation_services.ANSWERS.get(name)
    if answer is None:
        raise Http404
    if orientation.status != answer.source:
        messages.info(request, ALREADY_DONE)
        return redirect("orientations:received_detail", pk=orientation.pk)
    form = _bound_form(answer, request.POST)
    if not form.is_valid():
        forms = [form if f.answer.name == name else f for f in _answer_forms(orientation)]
        return _render_received(request, orientation, forms, status=400)
    try:
        _apply(orientation, answer, form, by=request.user)
    except orientation_services.ActionAlreadyDone:
        messages.info(request, ALREADY_DONE)
    else:
        messages.success(
            request, "Réponse enregistrée : la structure qui a orienté la personne en est informée."
        )
    return redirect("orientations:received_detail", pk=orientation.pk)


# ---- Through the e-mailed link -----------------------------------------------------------


def _message(request, text, *, status, token=""):
    return render(
        request,
        "accompaniment/link_message.html",
        {"text": text, "token": token},
        status=status,
    )


@login_not_required
@ratelimit(key="ip", rate="30/m", block=True)
def link_open(request, token):
    """Check the token, log the opening, keep the link in the session, drop the token."""
    link = orientation_services.find_link(token)
    if link is None:
        return _message(request, INVALID, status=404)
    if link.revoked_at is not None:
        return _message(request, REVOKED, status=410)
    if link.is_expired:
        orientation_services.log_opening(link, "Ouverture d’un lien expiré")
        return _message(
            request,
            EXPIRED,
            status=410,
            token=token,
        )
    if link.orientation.status not in OPEN_TO_ANSWERS:
        orientation_services.log_opening(link, "Ouverture d’un lien déjà utilisé")
        return _message(request, USED, status=410)
    orientation_services.log_opening(link)
    request.session[SESSION_KEY] = link.pk
    return redirect("orientations:link_page")


def _session_link(request):
    link_pk = request.session.get(SESSION_KEY)
    if not link_pk:
        return None
    link = (
        OrientationLink.objects.select_related(
            "orientation__service",
            "orientation__organisation",
            "orientation__accompaniment__centre",
            "orientation__accompaniment__person",
            "orientation__accompaniment__referent",
            "orientation__accompaniment__request",
        )
        .filter(pk=link_pk)
        .first()
    )
    if link is None or not link.is_usable:
        request.session.pop(SESSION_KEY, None)
        return None
    return link


def _render_link_page(request, link, forms=None, status=200):
    orientation = link.orientation
    return render(
        request,
        "accompaniment/partner_orientation.html",
        {
            "orientation": orientation,
            "shared": shared_with_partner(orientation),
            "forms": forms or _answer_forms(orientation),
            "via_link": True,
            "link": link,
        },
        status=status,
    )


@login_not_required
def link_page(request):
    link = _session_link(request)
    if link is None:
        return _message(request, INVALID, status=404)
    if link.orientation.status not in OPEN_TO_ANSWERS:
        return _message(request, USED, status=410)
    return _render_link_page(request, link)


@login_not_required
@require_POST
@ratelimit(key="ip", rate="30/m", block=True)
def link_answer(request, name):
    link = _session_link(request)
    if link is None:
        return _message(request, INVALID, status=404)
    answer = orientation_services.ANSWERS.get(name)
    if answer is None:
        raise Http404
    orientation = link.orientation
    if orientation.status != answer.source:
        messages.info(request, ALREADY_DONE)
        return redirect("orientations:link_page")
    form = _bound_form(answer, request.POST)
    if not form.is_valid():
        forms = [form if f.answer.name == name else f for f in _answer_forms(orientation)]
        return _render_link_page(request, link, forms, status=400)
    try:
        _apply(orientation, answer, form, link=link)
    except orientation_services.ActionAlreadyDone:
        messages.info(request, ALREADY_DONE)
    else:
        messages.success(
            request,
            THANKS,
        )
    return redirect("orientations:link_page")


@login_not_required
@require_POST
@ratelimit(key="ip", rate="5/h", block=True)
def link_renew(request, token):
    """An expired link asks for a fresh one, sent only to the service's registered address."""
    link = orientation_services.find_link(token)
    if link is None or link.revoked_at is not None:
        return _message(request, INVALID, status=404)
    orientation_services.send_fresh_link(link)
    # Same answer whether or not a link went out: the holder learns nothing more.
    return _message(
        request,
        RENEWED,
        status=200,
    )
