"""Shared test configuration: mpmath precision reset per test, bounded hypothesis profiles."""

import os
import tempfile

# the tests never write to the user's verification cache: one fresh directory per test run
os.environ.setdefault("GLASSDERIVE_CACHE_DIR", tempfile.mkdtemp(prefix="glassderive-test-cache-"))

# one BLAS thread: the batched eigen-solves of the kernels run 4-15 times slower with threaded
# OpenBLAS on a loaded 2-core machine, and the tests' timings must not depend on it
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import mpmath
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _reset_mpmath_precision():
    """mpmath's precision is global state: every test starts (and ends) at the default."""
    mpmath.mp.dps = 15
    yield
    mpmath.mp.dps = 15
