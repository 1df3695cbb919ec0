"""Who may do what: the one module every view goes through.

Rules (DESIGN.md, "Roles and who sees what"):
- a page is for logged-in staff unless its view is marked `@login_not_required`
  (Django's LoginRequiredMiddleware does the anonymous part);
- a staff page names the roles it serves with `@role_required(...)`; any other
  role gets 403;
- objects are fetched through scoped querysets (`<things>_visible_to(user)`), so an
  outsider gets 404 and never learns that the object exists.

Trap: a user may hold several memberships (the CIP serves three centres). Scope
is always the union over the memberships *of the roles that grant it*, never
"any membership": a reception agent at Grand Air who is also a partner does not
see Grand Air's case notes through the partner role.

Layout (one section per domain, each opening with who sees what, then its role sets,
scoped querysets and `can_*` rules; search for the section title):
- core: memberships, roles, `role_required`, the admin;
- People: the person's file; the person's situation;
- Reception: visits, integration requests, hand-offs;
- Public site: moderation, articles and editorial texts;
- Reports: figures and bilans;
- Privacy: access history, the person's rights;
- Accounts: second factor and grants;
- Accompaniment: diagnosis, plan, orientations, contacts;
- Agenda: appointments, expected people, calendar feeds;
- Collective workshops.
"""

from collections.abc import Iterable
from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.models import Membership, Role

STAFF_ROLES = frozenset(Role)


def memberships_of(user) -> list[Membership]:
    """The user's active memberships, read once per request and cached on the user."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_parcours_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("organisation", "centre")
            .order_by("role", "centre__position")
        )
        user._parcours_memberships = cached
    return cached


def roles_of(user) -> set[str]:
    return {m.role for m in memberships_of(user)}


def has_role(user, *roles: str) -> bool:
    """True when the user holds at least one of these roles."""
    return bool(roles_of(user) & set(roles))


def centre_ids_for(user, roles: Iterable[str]) -> set[int]:
    """The centres where the user holds one of these roles."""
    roles = set(roles)
    return {m.centre_id for m in memberships_of(user) if m.role in roles and m.centre_id}


def organisation_ids_for(user, roles: Iterable[str]) -> set[int]:
    roles = set(roles)
    return {m.organisation_id for m in memberships_of(user) if m.role in roles}


def role_required(*roles: str):
    """Decorator: the view serves these roles only; others get 403 (anonymous: login)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied("Cette page n’est pas accessible avec votre rôle.")
            return view(request, *args, **kwargs)

        wrapper.parcours_roles = frozenset(roles)
        return wrapper

    return decorator


def can_use_admin(user) -> bool:
    """Django's admin is for administrators only, and only with is_staff set."""
    return user.is_active and user.is_staff and has_role(user, Role.ADMINISTRATOR)


def can_moderate_comments(user) -> bool:
    """Moderators (and administrators) approve or reject comments on public pages."""
    return has_role(user, Role.MODERATOR, Role.ADMINISTRATOR)


# ---- People: the person's file (people/) ------------------------------------------------
#
# Who sees which person (issue 4, point 7). Scope is by the person's centre
# (`Person.centre`), computed from the memberships of the roles that grant it:
# - coordinators: the people of their centres, everything in the file;
# - the CIP (counsellor): the people of every centre she serves, everything in the file;
# - reception agents: the people of their centres, identity and appointments only;
# - directors: their centre's people, for lists and statistics only (no file page);
# - everybody else (steering, partners, administrators, moderators): nobody.
# Merged files (`merged_into` set) and anonymised ones (`anonymised_at`) are hidden everywhere.

# Roles that see the people of their centres at all (lists, statistics).
PERSON_LIST_ROLES = frozenset({Role.RECEPTION, Role.COORDINATOR, Role.COUNSELLOR, Role.DIRECTOR})
# Roles that open a person's file page (reception: identity part only).
PERSON_FILE_ROLES = frozenset({Role.RECEPTION, Role.COORDINATOR, Role.COUNSELLOR})
# Roles that read and write what is more than identity: notes, consents, requests' text.
PERSON_CASE_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR})


def persons_visible_to(user, roles: Iterable[str] = PERSON_LIST_ROLES):
    """The people this user may see through these roles: those of the centres where they hold one.

    Pass `roles=PERSON_FILE_ROLES` for pages that show a file (directors are left out).
    Trap: never "any membership" — a partner membership grants no person.
    """
    from people.models import Person

    centre_ids = centre_ids_for(user, roles)
    if not centre_ids:
        return Person.objects.none()
    return Person.objects.filter(
        centre_id__in=centre_ids, merged_into__isnull=True, anonymised_at__isnull=True
    )


def get_person_for_user(user, pk):
    """The person's file if this user may open it, else 404 (never 403: no existence leak)."""
    from django.shortcuts import get_object_or_404

    scoped = persons_visible_to(user, PERSON_FILE_ROLES).select_related(
        "centre", "referent", "created_by", "neighbourhood"
    )
    return get_object_or_404(scoped, pk=pk)


def can_read_notes(user, person) -> bool:
    """Coordinators of the person's centre and the CIP serving it read the case part of the
    file (notes, consents, requests' descriptions); reception agents and directors never do."""
    return person.centre_id in centre_ids_for(user, PERSON_CASE_ROLES)


def can_read_consents(user, person) -> bool:
    """Same rule as the notes: the integration team of the person's centre."""
    return can_read_notes(user, person)


def can_register_person(user) -> bool:
    """Reception agents, coordinators and the CIP register a person in one of their centres."""
    return has_role(user, *PERSON_FILE_ROLES)


def can_edit_person(user, person) -> bool:
    """Whoever may open the file may correct the identity (reception included)."""
    return person.centre_id in centre_ids_for(user, PERSON_FILE_ROLES)


def can_assign_referent(user, person) -> bool:
    """The coordinators of the person's centre and the CIP serving it choose the person's
    referent (themselves or a colleague); reception agents and directors never do."""
    return person.centre_id in centre_ids_for(user, PERSON_CASE_ROLES)


def can_merge_persons(user) -> bool:
    """Coordinators merge two files of the same person, both within their centres."""
    return has_role(user, Role.COORDINATOR)


def can_import_persons(user) -> bool:
    """Coordinators import their centre's existing caseload from a spreadsheet."""
    return has_role(user, Role.COORDINATOR)


# --- People: the person's situation (people/) ----------------------------------------------
# Employment, resources, housing, mobility: more than identity. The integration team of the
# person's centre (its coordinators, the CIP serving it) reads and updates it; reception
# agents and directors never see it — not on the file, not in the file's history.


def can_read_situation(user, person) -> bool:
    """Coordinators of the person's centre and the CIP serving it read the person's situation
    and the history of its changes; reception agents and directors never do."""
    return person.centre_id in centre_ids_for(user, PERSON_CASE_ROLES)


def can_edit_situation(user, person) -> bool:
    """The same integration team updates the situation (same rule as reading it)."""
    return can_read_situation(user, person)


# --- Reception: visits, integration requests, hand-offs (reception app) ---------------------
#
# What each role sees (DESIGN.md; issue 4, point 7):
# - reception agent: the visits of their centre(s) and the hand-offs about visits; never a
#   request (not its needs, description, urgency nor status): the desk only needs to know
#   that a person was handed over, which the hand-off says;
# - coordinator: visits, requests and hand-offs of their centre(s);
# - CIP (counsellor): the same, across every centre she serves (union of her counsellor
#   memberships; a reception membership elsewhere does not widen it);
# - director: counts of their centre(s) only (`reception_counts_for`,
#   `centres_with_reception_statistics_for`), never a row;
# - steering: the same counts for every municipal centre, never a row;
# - partner, moderator, administrator: nothing.
# Trap: scope is the union over the memberships *of the roles that grant it*.

VISIT_READER_ROLES = frozenset({Role.RECEPTION, Role.COORDINATOR, Role.COUNSELLOR})
REQUEST_READER_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR})
# Who keeps the desk (logs visits): reception agents, and coordinators of small teams.
DESK_ROLES = frozenset({Role.RECEPTION, Role.COORDINATOR})


def visits_visible_to(user):
    """Visits of the centres where the user is reception agent, coordinator or CIP."""
    from reception.models import Visit

    return Visit.objects.filter(centre_id__in=centre_ids_for(user, VISIT_READER_ROLES))


def requests_visible_to(user):
    """Requests of the centres where the user is coordinator or CIP; nobody else sees any."""
    from reception.models import IntegrationRequest

    return IntegrationRequest.objects.filter(
        centre_id__in=centre_ids_for(user, REQUEST_READER_ROLES)
    )


def handoffs_visible_to(user):
    """Coordinators and the CIP see their centres' hand-offs; reception, those about visits."""
    from django.db.models import Q

    from reception.models import Handoff

    full = centre_ids_for(user, REQUEST_READER_ROLES)
    desk = centre_ids_for(user, [Role.RECEPTION])
    return Handoff.objects.filter(
        Q(to_centre_id__in=full) | Q(to_centre_id__in=desk, request__isnull=True)
    )


def can_log_visit(user, centre) -> bool:
    """Reception agents and coordinators log visits at the desk of their own centre."""
    return centre is not None and centre.pk in centre_ids_for(user, DESK_ROLES)


def can_record_request(user, person) -> bool:
    """The coordinator of the person's centre, or the CIP serving that centre, records a request."""
    return person.centre_id in centre_ids_for(user, REQUEST_READER_ROLES)


def can_transition_request(user, integration_request, transition=None) -> bool:
    """May the user move this request (through this transition)?

    The roles come from `reception.lifecycle` and are held in the request's centre.
    """
    roles = transition.roles if transition is not None else REQUEST_READER_ROLES
    return integration_request.centre_id in centre_ids_for(user, roles)


def can_hand_request_to_colleague(user, integration_request) -> bool:
    """A coordinator of the request's centre, or the CIP serving it, hands an open request to
    a named colleague (coordinator or CIP of that centre), e.g. before an absence."""
    return integration_request.is_open and integration_request.centre_id in centre_ids_for(
        user, REQUEST_READER_ROLES
    )


def reception_counts_for(user) -> dict[str, int]:
    """Directors see counts of their centre's visits and open requests, never a row."""
    from reception.models import IntegrationRequest, RequestStatus, Visit

    centre_ids = centre_ids_for(user, [Role.DIRECTOR])
    return {
        "visits": Visit.objects.filter(centre_id__in=centre_ids).count(),
        "open_requests": IntegrationRequest.objects.filter(centre_id__in=centre_ids)
        .exclude(status=RequestStatus.CLOSED)
        .count(),
    }


def centres_with_reception_statistics_for(user, role):
    """The centres whose reception counts this user reads through this role.

    A director reads the centres they direct; city steering reads every municipal centre.
    Counts only (`reception.selectors.reception_activity`): neither role ever gets a row,
    a name or a note. Any other role: no centre.
    """
    from organisations.models import Centre, CentreKind

    if role == Role.DIRECTOR:
        return Centre.objects.filter(pk__in=centre_ids_for(user, [Role.DIRECTOR]))
    if role == Role.STEERING and has_role(user, Role.STEERING):
        return Centre.objects.filter(kind=CentreKind.MUNICIPAL)
    return Centre.objects.none()


# --- Public site (directory) -------------------------------------------------------
# The director of a centre edits what its public page says (opening hours, activities);
# administrators edit every centre. Moderators decide on comments (can_moderate_comments).
PUBLIC_CONTENT_ROLES = (Role.DIRECTOR, Role.ADMINISTRATOR)


def centres_editable_by(user):
    """Centres whose public page this user may edit: their own as director, all as administrator."""
    from organisations.models import Centre

    if has_role(user, Role.ADMINISTRATOR):
        return Centre.objects.all()
    return Centre.objects.filter(pk__in=centre_ids_for(user, [Role.DIRECTOR]))


# --- Public site: articles and editorial texts (directory staff area) ----------------------
# Moderators and administrators write and publish any article and edit the introduction of
# /centres-sociaux/. A director writes and publishes the articles about their own centre
# only (an article about no centre, or another centre, is out of reach: 404), and edits
# their centre's presentation (`centres_editable_by`).
# Trap: a director's article must name one of their centres, or they would lose it on save.
EDITORIAL_ROLES = (Role.MODERATOR, Role.ADMINISTRATOR)
ARTICLE_ROLES = (Role.DIRECTOR, *EDITORIAL_ROLES)


def articles_editable_by(user):
    """Articles this user may edit: every one as moderator or administrator, those about
    their centres as director, none otherwise."""
    from directory.models import Article

    if has_role(user, *EDITORIAL_ROLES):
        return Article.objects.all()
    return Article.objects.filter(centre_id__in=centre_ids_for(user, [Role.DIRECTOR]))


def can_edit_article(user, article) -> bool:
    """Moderators and administrators edit (and publish) any article; a director, only the
    articles about a centre they direct."""
    if has_role(user, *EDITORIAL_ROLES):
        return True
    return article.centre_id is not None and article.centre_id in centre_ids_for(
        user, [Role.DIRECTOR]
    )


# Replies to published comments: a centre answers under a resident's comment, signed by the
# centre. Its director answers the comments of their centre's page and of the articles about
# it; moderators answer every comment.
COMMENT_REPLY_ROLES = (Role.DIRECTOR, Role.MODERATOR)


def comments_answerable_by(user):
    """Published comments this user may answer (scope of the list and of the reply form)."""
    from django.db.models import Q

    from directory.models import Comment, CommentStatus

    published = Comment.objects.filter(status=CommentStatus.APPROVED)
    if has_role(user, Role.MODERATOR):
        return published
    centres = centre_ids_for(user, [Role.DIRECTOR])
    return published.filter(Q(centre_id__in=centres) | Q(article__centre_id__in=centres))


def can_edit_page_text(user) -> bool:
    """Moderators and administrators edit the site-wide texts (the introduction)."""
    return has_role(user, *EDITORIAL_ROLES)


# --- Reports: figures and bilans (reports/) ------------------------------------------------
# Figures are counts only, protected by statistical secrecy (reports.secrecy): never a name,
# never a count from 1 to 4. Who reads the figures of which centres:
# - director: the centres they direct;
# - city steering: every municipal centre (the integration service), figures only;
# - coordinator: their centre (they write its bilan);
# - CIP: every centre she serves (she writes the service's bilan).
# Bilans (written parts + figures, versions, a frozen final one):
# - a centre's bilan: written by its coordinators, its director and the CIP serving it, read
#   by them and by steering; made final (frozen) by its director;
# - the service's bilan (every municipal centre): written by the CIP and the coordinators
#   and directors of municipal centres, read by them and by steering; made final by city
#   steering (the City commissions the service), which may then publish its figures.
REPORT_ROLES = frozenset({Role.DIRECTOR, Role.STEERING, Role.COORDINATOR, Role.COUNSELLOR})
BILAN_WRITER_ROLES = frozenset({Role.DIRECTOR, Role.COORDINATOR, Role.COUNSELLOR})


def service_centres():
    """The centres of the integration service: the municipal centres."""
    from organisations.models import Centre, CentreKind

    return Centre.objects.filter(kind=CentreKind.MUNICIPAL)


def report_centres_for(user):
    """The centres whose figures this user reads (see above); others: none."""
    from django.db.models import Q

    from organisations.models import Centre, CentreKind

    own = Q(pk__in=centre_ids_for(user, BILAN_WRITER_ROLES))
    if has_role(user, Role.STEERING):
        own |= Q(kind=CentreKind.MUNICIPAL)
    return Centre.objects.filter(own).order_by("position", "name")


def _writes_service_bilan(user) -> bool:
    from organisations.models import CentreKind

    return any(
        m.role in BILAN_WRITER_ROLES and m.centre_id and m.centre.kind == CentreKind.MUNICIPAL
        for m in memberships_of(user)
    )


def bilans_visible_to(user):
    """Bilans of the user's centres (see above), and the service's for steering and the
    service's writers."""
    from django.db.models import Q

    from reports.models import Bilan

    visible = Q(centre_id__in=centre_ids_for(user, BILAN_WRITER_ROLES))
    if has_role(user, Role.STEERING):
        visible |= Q(centre__kind="municipal") | Q(centre__isnull=True)
    elif _writes_service_bilan(user):
        visible |= Q(centre__isnull=True)
    return Bilan.objects.filter(visible)


def can_create_bilan(user, centre) -> bool:
    """A centre's bilan (centre given): its coordinators, director and CIP. The service's
    (centre None): its writers and city steering."""
    if centre is None:
        return has_role(user, Role.STEERING) or _writes_service_bilan(user)
    return centre.pk in centre_ids_for(user, BILAN_WRITER_ROLES)


def can_write_bilan(user, bilan) -> bool:
    """Write the parts of a draft bilan: a centre's coordinators, director and CIP; for the
    service's, the CIP and the coordinators and directors of municipal centres."""
    if bilan.is_final:
        return False
    if bilan.centre_id is None:
        return _writes_service_bilan(user)
    return bilan.centre_id in centre_ids_for(user, BILAN_WRITER_ROLES)


def can_finalise_bilan(user, bilan) -> bool:
    """Make a bilan final (figures frozen): the centre's director; city steering for the
    service's bilan."""
    if bilan.is_final:
        return False
    if bilan.centre_id is None:
        return has_role(user, Role.STEERING)
    return bilan.centre_id in centre_ids_for(user, [Role.DIRECTOR])


# --- Privacy: access history, the person's rights (audit app) -------------------------------
# Administrators read the access log of a file (file numbers and accounts, never the file
# itself: they hold no person scope). The integration team of the person's centre (its
# coordinators, the CIP serving it) exports everything about the person (right of access,
# notes included) and records a request of erasure or restriction; a *second* member of
# that team, not the one who recorded it, approves or refuses it.
ACCESS_HISTORY_ROLES = frozenset({Role.ADMINISTRATOR})
RIGHTS_ROLES = PERSON_CASE_ROLES


def can_read_access_history(user) -> bool:
    return has_role(user, *ACCESS_HISTORY_ROLES)


def can_handle_rights(user, person) -> bool:
    """Export the person's data, record a request of erasure or restriction."""
    return person.centre_id in centre_ids_for(user, RIGHTS_ROLES)


def can_decide_rights_request(user, rights_request) -> bool:
    """A second member of the team: never the one who recorded the request."""
    return (
        rights_request.person.centre_id in centre_ids_for(user, RIGHTS_ROLES)
        and rights_request.requested_by_id != user.pk
    )


def can_take_handoff(user, handoff) -> bool:
    """Only its addressee takes a hand-off over: the named colleague when it names one,
    else a holder of the addressed role in the addressed centre."""
    if handoff.to_user_id is not None:
        return handoff.to_user_id == user.pk
    return handoff.to_centre_id in centre_ids_for(user, [handoff.to_role])


# --- Accounts: second factor and grants (accounts/) -----------------------------------------
# Administrators and every role that sees people (the file roles, and directors who see their
# centre's people in lists) log in with a second factor (TOTP or a recovery code). A membership
# of one of these roles granted in the admin waits for a second administrator's approval.
SECOND_FACTOR_ROLES = PERSON_LIST_ROLES | {Role.ADMINISTRATOR}
APPROVAL_ROLES = SECOND_FACTOR_ROLES


def needs_second_factor(user) -> bool:
    """True for a logged-in user holding an administrator role or a role that sees people."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or has_role(user, *SECOND_FACTOR_ROLES)


def can_approve_memberships(user) -> bool:
    """Administrators review the grants made in the admin (never their own, never for themselves:
    enforced in accounts.approvals)."""
    return has_role(user, Role.ADMINISTRATOR)


# --- Accompaniment: diagnosis, plan, orientations, contacts (accompaniment app) -------------
#
# - the CIP (counsellor): the accompaniments of every centre she serves (union of her
#   counsellor memberships; nothing else), opens them from a request awaiting analysis
#   (reception.lifecycle's "start"), and writes everything in them;
# - coordinators: their centre's accompaniments, read and write (a coordinator may be the
#   referent), but do not open one (the CIP analyses the request with the person);
# - partners: only the orientations *sent* to their organisation, one at a time, never a
#   file, a diagnosis or a plan (`orientations_received_by`);
# - reception agents, directors, steering, moderators: nothing;
# - administrators: the partners' services, in Django's admin.
# Trap: a user holding a partner membership and a case membership gets the case scope only
# through the case role, and the partner scope only through the partner role.

ACCOMPANIMENT_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR})
ACCOMPANIMENT_OPENER_ROLES = frozenset({Role.COUNSELLOR})


def accompaniments_visible_to(user):
    """Accompaniments of the centres where the user is coordinator or CIP."""
    from django.db.models import Exists, OuterRef

    from accompaniment.models import Accompaniment
    from people.models import Person

    centre_ids = centre_ids_for(user, ACCOMPANIMENT_ROLES)
    if not centre_ids:
        return Accompaniment.objects.none()
    # "Not of a merged file" as an anti-join with the few merged files (an index on
    # merged_into): a join with every person would read the whole people table.
    merged = Person.objects.filter(pk=OuterRef("person_id"), merged_into__isnull=False)
    return Accompaniment.objects.filter(centre_id__in=centre_ids).exclude(Exists(merged))


def can_open_accompaniment(user, integration_request) -> bool:
    """The CIP serving the request's centre opens the accompaniment of a request awaiting
    analysis (reception.lifecycle's "start" transition names the roles)."""
    from reception.lifecycle import TRANSITIONS

    return integration_request.status in TRANSITIONS["start"].sources and (
        integration_request.centre_id in centre_ids_for(user, TRANSITIONS["start"].roles)
    )


def can_work_on_accompaniment(user, accompaniment) -> bool:
    """The centre's coordinators and the CIP serving it write in an open accompaniment."""
    return accompaniment.centre_id in centre_ids_for(user, ACCOMPANIMENT_ROLES)


def orientations_received_by(user):
    """Orientations sent to the organisations where the user holds the partner role.

    A proposal not yet sent is the CIP's draft: no partner sees it."""
    from accompaniment.choices import OrientationStatus
    from accompaniment.models import Orientation

    organisation_ids = organisation_ids_for(user, [Role.PARTNER])
    if not organisation_ids:
        return Orientation.objects.none()
    return Orientation.objects.filter(organisation_id__in=organisation_ids).exclude(
        status__in=[OrientationStatus.PROPOSED, OrientationStatus.CANCELLED]
    )


def partner_contacts_visible_to(user):
    """Contacts with partners: the centre's integration team reads "team" and "shared"
    contacts, its author alone reads a personal one (the notes' rule)."""
    from django.db.models import Q

    from accompaniment.models import PartnerContact
    from people.choices import NoteVisibility

    centre_ids = centre_ids_for(user, ACCOMPANIMENT_ROLES)
    if not centre_ids:
        return PartnerContact.objects.none()
    return PartnerContact.objects.filter(centre_id__in=centre_ids).filter(
        Q(visibility__in=[NoteVisibility.TEAM, NoteVisibility.SHARED])
        | Q(visibility=NoteVisibility.AUTHOR, created_by=user)
    )


# --- Agenda: appointments, reception's expected people, calendar feeds (agenda app) ---------
#
# - coordinators and the CIP book, move and fill in the appointments of the centres where
#   they hold that role (the CIP: her three centres on one screen), with a person whose file
#   they may open as case roles;
# - reception agents see the appointments of their centres' sites for the day ("personnes
#   attendues": identity, time, with whom — never the kind's detail beyond its label) and mark
#   a person arrived;
# - directors and steering: figures only (`appointment_figure_centres_for`), never a row;
# - partners, moderators, administrators: nothing (administrators see the message log in
#   the admin, to check interrupted sends).
# Trap: scope is by the appointment's centre, not the person's: the CIP may see a Grand Air
# person at Espéranto; Espéranto's coordinator then sees that appointment too (she hosts it).

AGENDA_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR})
AGENDA_READER_ROLES = frozenset({Role.RECEPTION, Role.COORDINATOR, Role.COUNSELLOR})
ARRIVAL_ROLES = frozenset({Role.RECEPTION, Role.COORDINATOR, Role.COUNSELLOR})
FIGURES_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR, Role.DIRECTOR, Role.STEERING})


def appointments_visible_to(user, roles: Iterable[str] = AGENDA_READER_ROLES):
    """The appointments of the centres where the user holds one of these roles."""
    from agenda.models import Appointment

    centre_ids = centre_ids_for(user, roles)
    if not centre_ids:
        return Appointment.objects.none()
    return Appointment.objects.filter(centre_id__in=centre_ids)


def can_book_appointment(user, person) -> bool:
    """Coordinators of the person's centre and the CIP serving it book an appointment for
    the person (in one of the centres where they hold that role)."""
    return person.centre_id in centre_ids_for(user, AGENDA_ROLES)


def can_change_appointment(user, appointment) -> bool:
    """Coordinators and the CIP of the appointment's centre fill in its status, move it or
    hand it to a colleague; reception agents never do."""
    return appointment.centre_id in centre_ids_for(user, AGENDA_ROLES)


def can_mark_arrived(user, appointment) -> bool:
    """Whoever keeps the desk of the appointment's centre (reception, coordinator, CIP)
    says the person has arrived."""
    return appointment.centre_id in centre_ids_for(user, ARRIVAL_ROLES)


def agenda_staff_visible_to(user):
    """The colleagues whose agenda the user may read: coordinators and CIPs of the centres
    where the user is coordinator or CIP (herself included)."""
    from accounts.models import User

    return User.objects.filter(
        is_active=True,
        memberships__is_active=True,
        memberships__role__in=AGENDA_ROLES,
        memberships__centre_id__in=centre_ids_for(user, AGENDA_ROLES),
    ).distinct()


def agenda_sites_visible_to(user):
    """Sites whose day and week the user reads: those of the centres of her agenda roles,
    reception included."""
    from organisations.models import Site

    return Site.objects.filter(centre_id__in=centre_ids_for(user, AGENDA_READER_ROLES))


def appointment_figure_centres_for(user):
    """Centres whose appointment figures the user reads (counts only): coordinators, CIP
    and directors their centres; steering every municipal centre."""
    from organisations.models import Centre, CentreKind

    if has_role(user, Role.STEERING):
        return Centre.objects.filter(kind=CentreKind.MUNICIPAL)
    return Centre.objects.filter(
        pk__in=centre_ids_for(user, [Role.COORDINATOR, Role.COUNSELLOR, Role.DIRECTOR])
    )


# ---- Collective workshops (workshops/) --------------------------------------------------
#
# Coordinators manage their centre's cycles; the CIP those she facilitates (in a centre she
# serves). Both edit the theme catalogue. Cycles open only where the centre's mode includes
# collective time (workshops.services.open_cycle says so in French).

WORKSHOP_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR})


def cycles_visible_to(user):
    from django.db.models import Q

    from workshops.models import Cycle

    coordinated = centre_ids_for(user, [Role.COORDINATOR])
    served = centre_ids_for(user, [Role.COUNSELLOR])
    if not coordinated and not served:
        return Cycle.objects.none()
    facilitated = Cycle.objects.filter(facilitators=user, centre_id__in=served).values("pk")
    return Cycle.objects.filter(Q(centre_id__in=coordinated) | Q(pk__in=facilitated))


def workshop_centres_for(user):
    """Centres where the user may open a cycle (the mode is checked when opening)."""
    from organisations.models import Centre

    return Centre.objects.filter(pk__in=centre_ids_for(user, WORKSHOP_ROLES))


def meetings_visible_to(user):
    """Coordination meetings of the centres where the user is coordinator or CIP."""
    from workshops.models import Meeting

    return Meeting.objects.filter(centre_id__in=centre_ids_for(user, WORKSHOP_ROLES))


def can_enrol_in_workshops(user, person) -> bool:
    """Coordinators of the person's centre and the CIP serving it enrol the person in one of
    the centre's cycles they see (`cycles_visible_to`), from the file or from a request of
    their queue (workshops.queue)."""
    return person.centre_id in centre_ids_for(user, WORKSHOP_ROLES)


def meeting_persons_visible_to(user):
    """The people a coordination meeting may name for this user: those whose case file the
    user reads (coordinators of the person's centre, the CIP serving it). Others linked to a
    meeting are counted, never named (workshops.meeting_people)."""
    return persons_visible_to(user, PERSON_CASE_ROLES)
