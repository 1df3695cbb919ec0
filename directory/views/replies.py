"""A centre answers a published comment: the list of comments to answer, and the reply form."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from directory import services
from parcours.french import de
from parcours.permissions import COMMENT_REPLY_ROLES, comments_answerable_by, role_required

PAGE_SIZE = 20


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Réponse",
        max_length=2000,
        min_length=3,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Publiée tout de suite sous le commentaire, signée par le centre social.",
    )


def _answerable(user):
    return comments_answerable_by(user).select_related("centre", "article", "reply")


@role_required(*COMMENT_REPLY_ROLES)
def comment_list(request):
    """Published comments of the user's pages, those without a reply first, newest first."""
    comments = _answerable(request.user).order_by("reply", "-created_at", "-pk")
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "directory/staff/comment_list.html", {"page": page})


@role_required(*COMMENT_REPLY_ROLES)
def comment_reply(request, pk):
    comment = get_object_or_404(_answerable(request.user), pk=pk)
    if comment.published_reply is not None:
        messages.info(request, "Action déjà effectuée : ce commentaire a déjà une réponse.")
        return redirect("directory:comment_list")
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_comment(comment, body=form.cleaned_data["body"], by=request.user)
        except services.AlreadyAnswered:
            messages.info(request, "Action déjà effectuée : ce commentaire a déjà une réponse.")
        else:
            messages.success(request, f"Réponse au commentaire {de(comment.author_name)} publiée.")
        return redirect("directory:comment_list")
    return render(
        request,
        "directory/staff/comment_reply.html",
        {"comment": comment, "form": form},
        status=400 if form.errors else 200,
    )
