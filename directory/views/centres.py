from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from directory import selectors
from directory.caching import public_page
from directory.reference import INTRO_KEY
from organisations.models import CentreKind


@login_not_required
@public_page
def centre_list(request):
    centres = selectors.centres_for_directory()
    groups = [
        (label, [c for c in centres if c.kind == kind])
        for kind, label in [
            (CentreKind.MUNICIPAL, "Les centres sociaux municipaux"),
            (CentreKind.ASSOCIATIVE, "Le centre social associatif"),
        ]
    ]
    return render(
        request,
        "directory/centre_list.html",
        {"groups": groups, "count": len(centres), "intro": selectors.page_text(INTRO_KEY)},
    )


@login_not_required
@public_page(keep=True)
def centre_detail(request, slug):
    centre = get_object_or_404(selectors.centre_for_page(slug), slug=slug)
    return render(
        request,
        "directory/centre_detail.html",
        {
            "centre": centre,
            "page": getattr(centre, "page", None),
            "comments": selectors.approved_comments(centre=centre),
            "comment_count": centre.approved_comment_count,
        },
    )
