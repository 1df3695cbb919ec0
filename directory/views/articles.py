from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from directory import selectors
from directory.caching import public_page


@login_not_required
@public_page
def article_list(request):
    page = Paginator(selectors.published_articles(), 10).get_page(request.GET.get("page"))
    return render(request, "directory/article_list.html", {"page_obj": page})


@login_not_required
@public_page
def article_detail(request, slug):
    article = get_object_or_404(selectors.published_articles(), slug=slug)
    return render(
        request,
        "directory/article_detail.html",
        {
            "article": article,
            "comments": selectors.approved_comments(article=article),
            "comment_count": article.approved_comment_count,
        },
    )
