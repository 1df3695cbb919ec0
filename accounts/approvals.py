"""Least privilege for administrators: a grant that opens people's files needs a second one.

A membership of a role in parcours.permissions.APPROVAL_ROLES (those that see people, and the
administrator role itself) granted or re-activated in the admin is saved inactive, with a
pending MembershipApproval; the organisation's other administrators are told by e-mail
(a link, never a name). Another administrator — neither the one who asked nor the member —
approves or refuses it on /compte/rattachements/, which also lists every past grant.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Membership, MembershipApproval, Role, User
from audit.models import AccessAction
from audit.services import log_access
from notifications.services import queue_email
from parcours.permissions import APPROVAL_ROLES, can_approve_memberships, role_required
from reception.services import ActionAlreadyDone

Status = MembershipApproval.Status


def needs_approval(membership: Membership, *, was_active: bool, old_role: str | None) -> bool:
    """A new or re-activated membership of a sensitive role, or one moved into such a role."""
    if membership.role not in APPROVAL_ROLES or not membership.is_active:
        return False
    return not was_active or old_role != membership.role


@transaction.atomic
def hold_for_approval(membership: Membership, *, by: User) -> MembershipApproval:
    """Deactivate the membership until another administrator approves it; tell them."""
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    membership.is_active = False
    MembershipApproval.objects.filter(membership=membership, status=Status.PENDING).update(
        status=Status.REFUSED, decided_by=by, decided_at=timezone.now()
    )
    approval = MembershipApproval.objects.create(membership=membership, requested_by=by)
    log_access(actor=by, obj=membership, action=AccessAction.CHANGE, detail="demande de droits")
    for reviewer in reviewers_of(approval):
        queue_email(
            to=reviewer.email,
            subject="Parcours : un rattachement attend votre approbation",
            body=(
                "Bonjour,\n\nUn·e administrateur·rice a accordé des droits qui ouvrent l’accès "
                "aux dossiers des personnes ou à l’administration. Ils ne prendront effet "
                "qu’après l’approbation d’un·e autre administrateur·rice :\n"
                f"{settings.SITE_URL}{reverse('accounts:approvals')}\n"
            ),
        )
    return approval


def reviewers_of(approval: MembershipApproval):
    """Active administrators of the membership's organisation, other than the asker and the
    member; every other administrator when the organisation has none."""
    excluded = {approval.requested_by_id, approval.membership.user_id}
    admins = User.objects.filter(
        is_active=True,
        memberships__role=Role.ADMINISTRATOR,
        memberships__is_active=True,
    ).exclude(pk__in=excluded)
    same_organisation = admins.filter(
        memberships__organisation_id=approval.membership.organisation_id
    ).distinct()
    return list(same_organisation) or list(admins.distinct())


def may_decide(user: User, approval: MembershipApproval) -> bool:
    return (
        can_approve_memberships(user)
        and user.pk != approval.requested_by_id
        and user.pk != approval.membership.user_id
    )


@transaction.atomic
def decide(approval: MembershipApproval, *, by: User, approve: bool) -> MembershipApproval:
    approval = (
        MembershipApproval.objects.select_for_update()
        .select_related("membership")
        .get(pk=approval.pk)
    )
    if approval.status != Status.PENDING:
        raise ActionAlreadyDone
    if not may_decide(by, approval):
        raise PermissionDenied("Un·e autre administrateur·rice doit décider de ce rattachement.")
    approval.status = Status.APPROVED if approve else Status.REFUSED
    approval.decided_by = by
    approval.decided_at = timezone.now()
    approval.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        Membership.objects.filter(pk=approval.membership_id).update(is_active=True)
    log_access(
        actor=by,
        obj=approval.membership,
        action=AccessAction.CHANGE,
        detail="droits approuvés" if approve else "droits refusés",
    )
    return approval


APPROVALS_PER_PAGE = 30


@role_required(Role.ADMINISTRATOR)
def approval_list(request):
    """Pending grants first, then the history of every grant made in the admin."""
    approvals = MembershipApproval.objects.select_related(
        "membership__user",
        "membership__organisation",
        "membership__centre",
        "requested_by",
        "decided_by",
    )
    pending = list(approvals.filter(status=Status.PENDING)[:100])
    for approval in pending:
        approval.can_decide = may_decide(request.user, approval)
    history = Paginator(approvals.exclude(status=Status.PENDING), APPROVALS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/approvals.html", {"pending": pending, "history": history})


@role_required(Role.ADMINISTRATOR)
@require_POST
def decide_view(request, pk):
    approval = get_object_or_404(MembershipApproval, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        decide(approval, by=request.user, approve=approve)
    except ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        member = approval.membership.user
        messages.success(
            request,
            f"Rattachement de {member} approuvé : il prend effet."
            if approve
            else f"Rattachement de {member} refusé : il reste inactif.",
        )
    return redirect("accounts:approvals")
