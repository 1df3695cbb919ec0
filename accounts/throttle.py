"""Login throttling: failed attempts only, per account and per address (django-axes).

Axes records each failed login (any path that calls `authenticate()`: our login page, the
admin's) in one row per (account, address, browser), updated under `select_for_update`, so
concurrent attempts are all counted. A successful login counts nothing and clears the
account's failures.

Axes compares one number with one limit; we want two limits (10 failures on one account,
50 from one address, so that an office's shared address never locks colleagues out). The
handler below scales the address count onto the account limit: the request is locked when
either count reaches its own limit.
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.utils import timezone


def username_of(request, credentials) -> str | None:
    """The e-mail typed, lower-cased (logins are case-insensitive, so are their counts)."""
    value = (credentials or {}).get("username")
    if value is None and request is not None and hasattr(request, "POST"):
        value = request.POST.get("username")
    return value.strip().lower() if value else None


def address_of(request) -> str | None:
    """The client's address, from the same header as the other rate limits (behind a proxy)."""
    return request.META.get(settings.RATELIMIT_IP_META_KEY) or request.META.get("REMOTE_ADDR")


class ParcoursAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        per_account = settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT
        per_address = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
        # Both limits expressed on the account's scale: locked when either is reached.
        return max(by_account, (by_address * per_account) // per_address)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that account's failures only.

        (Axes would also clear every failure from the address: someone at the same address
        with an account of their own could then guess a colleague's password forever.)
        """
        username = username_of(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def minutes_to_wait(request, credentials=None) -> int:
    """Minutes until the lock lifts: the cool-off counted from the latest failure."""
    username = username_of(request, credentials)
    address = getattr(request, "axes_ip_address", None) or address_of(request)
    latest = AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=address)).aggregate(
        latest=Max("attempt_time")
    )["latest"]
    if latest is None:
        return 1
    remaining = latest + settings.AXES_COOLOFF_TIME - timezone.now()
    return max(1, math.ceil(remaining.total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None):
    """The French page shown instead of the login form while locked (HTTP 429)."""
    minutes = minutes_to_wait(request, credentials)
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
