"""Posting a comment on a centre page or an article: the form lives on its own page so the
pages it comments stay cacheable (no CSRF token in them)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from directory import selectors, services
from directory.forms import CommentForm

RATE = "5/h"
# After sending, the page thanks and does not show the form again (no second comment by mistake).
SENT = "envoye"
RATE_LIMITED = "Vous avez déjà envoyé plusieurs commentaires : réessayez dans une heure."


def _comment(request, *, target, page_url, page_title):
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
        elif form.is_robot:
            # Pretend it worked; a robot learns nothing.
            return redirect(f"{request.path}?{SENT}=1")
        elif form.is_valid():
            services.submit_comment(
                target=target,
                author_name=form.cleaned_data["author_name"],
                author_email=form.cleaned_data["author_email"],
                body=form.cleaned_data["body"],
            )
            return redirect(f"{request.path}?{SENT}=1")
    sent = request.method == "GET" and SENT in request.GET
    return render(
        request,
        "directory/comment_form.html",
        {"form": form, "page_url": page_url, "page_title": page_title, "sent": sent},
        status=429 if getattr(request, "limited", False) else 200,
    )


@login_not_required
@never_cache
@ratelimit(key="ip", rate=RATE, method="POST", block=False)
def comment_centre(request, slug):
    centre = get_object_or_404(selectors.public_centres(), slug=slug)
    return _comment(
        request,
        target=centre,
        page_url=centre_url(centre),
        page_title=f"Centre social {centre.name}",
    )


@login_not_required
@never_cache
@ratelimit(key="ip", rate=RATE, method="POST", block=False)
def comment_article(request, slug):
    article = get_object_or_404(selectors.published_articles(), slug=slug)
    return _comment(
        request,
        target=article,
        page_url=article_url(article),
        page_title=article.title,
    )


def centre_url(centre):
    return reverse("directory:centre_detail", kwargs={"slug": centre.slug})


def article_url(article):
    return reverse("articles:detail", kwargs={"slug": article.slug})
