import pytest

from directory.antispam import MIN_SECONDS, new_token


@pytest.fixture(autouse=True)
def public_site_reference(db):
    """The streets, introduction and first article of the city's page."""
    from directory.reference import load_public_site_reference

    load_public_site_reference()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def started():
    """A form token as if the form had been shown a little while ago."""
    import time

    return new_token(time.time() - MIN_SECONDS - 1)
