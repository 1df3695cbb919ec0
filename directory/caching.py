"""HTTP caching of the public pages, and how an edit reaches the next visitor at once.

Anonymous pages may be stored by shared caches and browsers (`public`), but must be
revalidated before each use (`no-cache`): the page carries an ETag, the version of the
public site's content. Every change of what the public pages show calls
`content_changed()`, which drops the version once the transaction commits; the next
conditional request then gets the fresh page instead of "304 Not Modified". A revalidation
with an unchanged version costs no query and no rendering.

The version also expires after PUBLIC_MAX_AGE, which bounds how long a change made outside
the services (reference data, another app's admin) can stay unseen: the former max-age.

The centres' pages (`keep=True`) are also kept rendered in the cache under the version
(without a query string only: filters and typed addresses are never stored), so a visitor
without the page gets it without a query or a rendering either, until the next edit drops
the version.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
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


def _page_key(version: str, request) -> str | None:
    """Where the rendered page is kept for this version; None when it must not be kept."""
    if request.META.get("QUERY_STRING"):
        return None
    where = hashlib.sha256(f"{request.get_host()}{request.path}".encode()).hexdigest()[:32]
    return f"directory:page:{version}:{where}"


def _shared(response, etag):
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def public_page(view=None, *, keep=False):
    """Shared caches may keep the page when it is the same for everyone, and revalidate it.

    Only for anonymous visitors on GET pages without a form (no CSRF token, no message,
    no cookie set): a logged-in professional sees "Mon espace" in the header, so theirs
    stays private. `Vary: Cookie` keeps the two apart in any cache.

    `@public_page(keep=True)`: the rendered page is also kept in the cache under the
    version (the most visited pages: the centres' pages).
    """
    if view is None:
        return lambda function: public_page(function, keep=keep)

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
        page_key = _page_key(etag, request) if etag and keep else None
        if page_key:
            cached = cache.get(page_key)
            if cached is not None:
                content, content_type = cached
                return _shared(HttpResponse(content, content_type=content_type), etag)
        response = view(request, *args, **kwargs)
        shareable = etag and response.status_code == 200 and not response.cookies
        if shareable:
            if page_key and not response.streaming:
                cache.set(page_key, (response.content, response["Content-Type"]), PUBLIC_MAX_AGE)
            return _shared(response, etag)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
