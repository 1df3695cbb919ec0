"""Staff write the public site's words: news articles, the introduction of /centres-sociaux/,
each centre's presentation. Every form has a "Prévisualiser" button (name="preview") that
shows the text through the public pages' own Markdown pipeline and saves nothing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from directory import services
from directory.forms import ArticleForm, CentrePageForm, PageTextForm
from directory.models import Article, CentrePage, PageText
from parcours.permissions import (
    ARTICLE_ROLES,
    EDITORIAL_ROLES,
    PUBLIC_CONTENT_ROLES,
    articles_editable_by,
    can_edit_article,
    can_edit_page_text,
    centres_editable_by,
    role_required,
)

PER_PAGE = 20


def _previewing(request, form) -> bool:
    """A valid form posted with the "preview" button: show it, save nothing."""
    return "preview" in request.POST and form.is_valid()


@role_required(*ARTICLE_ROLES)
def article_list(request):
    articles = articles_editable_by(request.user).select_related("centre").order_by("-pk")
    page = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "directory/staff/article_list.html", {"page_obj": page})


@role_required(*ARTICLE_ROLES)
def article_edit(request, pk=None):
    if pk is None:
        article = Article()
    else:
        article = get_object_or_404(articles_editable_by(request.user), pk=pk)
    form = ArticleForm(request.POST or None, instance=article, user=request.user)
    if request.method == "POST" and not _previewing(request, form) and form.is_valid():
        article = form.save(commit=False)
        if not can_edit_article(request.user, article):
            # The centre field only offers the director's centres; never trust the POST.
            raise PermissionDenied
        services.save_article(
            article,
            by=request.user,
            publish=form.publish,
            published_at=form.publication_datetime() if form.publish else None,
        )
        state = "publié" if article.is_published else "enregistré comme brouillon"
        messages.success(request, f"Article « {article.title} » {state}.")
        return redirect("directory:article_staff_list")
    return render(
        request,
        "directory/staff/article_form.html",
        {"form": form, "article": article, "preview": _previewing(request, form)},
    )


@role_required(*ARTICLE_ROLES)
@require_POST
def article_publication(request, pk):
    article = get_object_or_404(articles_editable_by(request.user), pk=pk)
    publish = request.POST.get("action") == "publish"
    try:
        if publish:
            services.publish_article(article, by=request.user)
        else:
            services.unpublish_article(article, by=request.user)
    except services.AlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        state = "publié" if publish else "retiré du site (brouillon)"
        messages.success(request, f"Article « {article.title} » {state}.")
    return redirect("directory:article_staff_list")


@role_required(*EDITORIAL_ROLES)
def page_text_edit(request, key):
    if not can_edit_page_text(request.user):
        raise PermissionDenied
    page_text = get_object_or_404(PageText.objects.all(), key=key)
    form = PageTextForm(request.POST or None, instance=page_text)
    if request.method == "POST" and not _previewing(request, form) and form.is_valid():
        services.update_page_text(
            page_text,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            by=request.user,
        )
        messages.success(request, f"Texte « {page_text.title} » enregistré et publié.")
        return redirect(request.path)
    return render(
        request,
        "directory/staff/page_text_form.html",
        {"form": form, "page_text": page_text, "preview": _previewing(request, form)},
    )


@role_required(*PUBLIC_CONTENT_ROLES)
def centre_presentation(request, slug):
    centre = get_object_or_404(centres_editable_by(request.user).select_related("page"), slug=slug)
    # A centre added after the reference data has no page row yet: saved on POST only.
    centre_page = getattr(centre, "page", None) or CentrePage(centre=centre)
    form = CentrePageForm(request.POST or None, instance=centre_page)
    if request.method == "POST" and not _previewing(request, form) and form.is_valid():
        services.update_centre_page(
            centre_page,
            presentation=form.cleaned_data["presentation"],
            integration_access=form.cleaned_data["integration_access"],
            by=request.user,
        )
        messages.success(request, f"Présentation du centre {centre.name} enregistrée.")
        return redirect("directory:content_home")
    return render(
        request,
        "directory/staff/centre_presentation_form.html",
        {"form": form, "centre": centre, "preview": _previewing(request, form)},
    )
