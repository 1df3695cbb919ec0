from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from directory.caching import public_page


@login_not_required
@public_page
def accessibility(request):
    return render(request, "directory/accessibility.html")
