from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader


@login_not_required
def home(request):
    """The site's root: the public directory of the social centres."""
    return redirect("directory:centre_list")


def rate_limited(request, exception=None):
    return render(
        request,
        "errors/429.html",
        status=429,
    )


def csrf_failure(request, reason=""):
    return render(request, "errors/403_csrf.html", status=403)


def error_400(request, exception=None):
    return render(request, "errors/400.html", status=400)


def error_403(request, exception=None):
    # A refusal that explains itself (e.g. a file restricted at the person's request).
    message = getattr(exception, "public_message", "")
    return render(request, "errors/403.html", {"message": message}, status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # Rendered without the request: no context processor, no database access, since the
    # database may be what failed.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
