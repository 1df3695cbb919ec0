from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Role
from directory import selectors, services
from directory.models import Comment
from parcours.french import de
from parcours.permissions import role_required

MODERATORS = (Role.MODERATOR, Role.ADMINISTRATOR)


@role_required(*MODERATORS)
def moderation_queue(request):
    page = Paginator(selectors.pending_comments(), 20).get_page(request.GET.get("page"))
    return render(request, "directory/moderation_queue.html", {"page_obj": page})


@role_required(*MODERATORS)
@require_POST
def moderate(request, pk):
    comment = get_object_or_404(Comment.objects.all(), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.moderate_comment(comment.pk, approve=approve, by=request.user)
    except services.AlreadyModerated:
        messages.info(request, "Action déjà effectuée : ce commentaire a déjà été modéré.")
    else:
        messages.success(
            request,
            f"Commentaire {de(comment.author_name)} {'publié' if approve else 'refusé'}.",
        )
    return redirect("directory:moderation_queue")
