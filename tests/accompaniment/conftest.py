import pytest

from tests.accompaniment.factories import load_services


@pytest.fixture
def services(db):
    """The five partners' services, imported from the data·inclusion file of the tests."""
    return load_services()
