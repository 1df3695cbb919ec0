from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from directory.selectors import centres_for_directory
from organisations.models import CentreKind


@login_not_required
def centre_list(request):
    centres = centres_for_directory()
    groups = [
        (label, [c for c in centres if c.kind == kind])
        for kind, label in [
            (CentreKind.MUNICIPAL, "Les centres sociaux municipaux"),
            (CentreKind.ASSOCIATIVE, "Le centre social associatif"),
        ]
    ]
    return render(request, "directory/centre_list.html", {"groups": groups, "count": len(centres)})
