from functools import wraps

from django.utils.cache import patch_cache_control, patch_vary_headers

PUBLIC_MAX_AGE = 300


def public_page(view):
    """Shared caches may keep the page for a few minutes when it is the same for everyone.

    Only for anonymous visitors on GET pages without a form (no CSRF token, no message,
    no cookie set): a logged-in professional sees "Mon espace" in the header, so theirs
    stays private. `Vary: Cookie` keeps the two apart in any cache.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        shareable = (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not request.user.is_authenticated
            and not response.cookies
        )
        if shareable:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
