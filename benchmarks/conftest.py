# Benchmarks use the test suite's fixtures (reference data, role users).
from tests.conftest import *  # noqa: F403
