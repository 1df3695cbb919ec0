"""HTTP caching of the public pages, and how an edit reaches the next visitor at once.

Anonymous pages may be stored by shared caches and browsers (`public`), but must be
revalidated before each use (`no-cache`): the page carries an ETag, the version of the
public site's content. Every change of what the public pages show calls
`content_changed()`, which drops the version once the transaction commits; the next
conditional request then gets the fresh page instead of "304 Not Modified". A revalidation
with an unchanged version costs no query and no rendering.

The version also expires after PUBLIC_MAX_AGE, which bounds how long a change made outside
the services (reference data, another app's admin) can stay unseen: the former max-age.
"""

import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

PUBLIC_MAX_AGE = 300
VERSION_KEY = "directory:public-content-version"


def public_version() -> str:
    """The current version of the public site's content (created on first use)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=PUBLIC_MAX_AGE)
        # Another process may have won the race: use whatever the cache now holds.
        version = cache.get(VERSION_KEY) or uuid.uuid4().hex
    return version


def content_changed() -> None:
    """Call from any service that changes what a public page shows."""
    # After the commit, never before: a visitor in between would re-cache the old page
    # under a new version.
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))


def _etag(version: str) -> str:
    return f'"{version}"'


def public_page(view):
    """Shared caches may keep the page when it is the same for everyone, and revalidate it.

    Only for anonymous visitors on GET pages without a form (no CSRF token, no message,
    no cookie set): a logged-in professional sees "Mon espace" in the header, so theirs
    stays private. `Vary: Cookie` keeps the two apart in any cache.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable_request = (
            request.method in ("GET", "HEAD")
            and not request.user.is_authenticated
            # A session may hold a flash message to show: never answer 304 to it.
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        # Read the version before the view reads the data (see content_changed).
        etag = _etag(public_version()) if cacheable_request else None
        if etag:
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                patch_cache_control(not_modified, public=True, no_cache=True)
                patch_vary_headers(not_modified, ["Cookie"])
                return not_modified
        response = view(request, *args, **kwargs)
        shareable = etag and response.status_code == 200 and not response.cookies
        if shareable:
            response["ETag"] = etag
            patch_cache_control(response, public=True, no_cache=True)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
