"""The random-quartic Monte Carlo: root finding, classification, and the fitted exponents.

Tolerances come from the sample: each fitted exponent must lie within 4 statistical standard
errors (observed information of the likelihood) of the theory's value; the errors themselves
shrink as 1/sqrt(n), which is checked too.
"""

from concurrent.futures import ProcessPoolExecutor

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from glassderive.numeric.quartic import (cubic_real_roots, fit_power_law, gurarie_chalker_slopes,
                                         quartic_minima, sample_minima, soft_potential_slopes)

coef = st.floats(-10, 10, allow_nan=False).filter(lambda v: abs(v) > 1e-3)


@given(c3=coef, c2=coef, c1=coef, c0=coef)
def test_cubic_roots_against_mpmath(c3, c2, c1, c0):
    got = cubic_real_roots(c3, c2, c1, c0)
    mp.mp.dps = 40
    roots = mp.polyroots([c3, c2, c1, c0], maxsteps=200, extraprec=100)
    real = sorted(float(mp.re(r)) for r in roots if abs(mp.im(r)) < 1e-25)
    finite = got[np.isfinite(got)]
    if len(real) == 3 and min(np.diff(real)) < 1e-5:
        return  # (near-)double roots: counting is ill-conditioned; accuracy tested below
    assert len(finite) == len(real)
    for g, r in zip(finite, real):
        assert abs(g - r) <= 1e-9 * max(1, abs(r))


def test_minima_are_minima():
    rng = np.random.default_rng(1)
    a1, a2, a3 = rng.standard_normal((3, 20000))
    a4 = np.exp(0.5 * rng.standard_normal(20000))
    m = quartic_minima(a1, a2, a3, a4)
    q = m["quartic"]
    s = m["s0"]
    Up = a1[q] + a2[q] * s + a3[q] * s**2 / 2 + a4[q] * s**3 / 6
    assert np.max(np.abs(Up) / (1 + np.abs(a1[q]) + np.abs(s) ** 3)) < 1e-10
    assert np.all(m["b2"] > 0)
    # each quartic has exactly one lowest minimum
    assert np.bincount(q[m["lowest"]], minlength=20000).tolist() == [1] * 20000


def test_a4_must_be_positive():
    with pytest.raises(ValueError, match="a4 must be > 0"):
        quartic_minima(1.0, 1.0, 1.0, -1.0)
    with pytest.raises(ValueError, match="c3"):
        cubic_real_roots(0.0, 1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="n_quartics"):
        sample_minima(0)


def test_power_law_fit_recovers_known_exponent():
    rng = np.random.default_rng(7)
    for gamma in (1.0, 1.5):
        b = rng.random(40000) ** (1 / (gamma + 1))  # density ~ b^gamma on (0, 1)
        fit = fit_power_law(b, 1.0)
        assert abs(fit.gamma - gamma) < 4 * fit.gamma_err
        assert fit.gamma_err < 4 * (gamma + 1) / np.sqrt(40000)


@pytest.fixture(scope="module")
def mc():
    return gurarie_chalker_slopes(2_000_000, seed=20070806)


def test_gurarie_chalker_exponents(mc):
    """P(b2) ~ b2 for all minima (omega^3), ~ b2^(3/2) for the lowest ones (omega^4)."""
    for k, z in mc.deviations().items():
        assert abs(z) < 4, mc.summary()
    assert mc.fits["all minima"].gamma_err < 0.05  # enough samples to tell 1 from 3/2
    assert mc.fits["lowest minima"].gamma_err < 0.1
    assert abs(mc.fits["lowest minima"].gamma - 1.0) > 4 * mc.fits["lowest minima"].gamma_err
    assert mc.consistent()


def test_condition_8_is_the_lowest_minimum_condition(mc):
    assert mc.condition8_mismatches == 0
    # ... and it does admit double wells: lowest minima with 2 sqrt(2)/3 < |beta| <= 1
    assert mc.lowest_double_wells > 0


def test_errors_shrink_with_sample_size():
    small = gurarie_chalker_slopes(250_000, seed=3)
    big = gurarie_chalker_slopes(1_000_000, seed=3)
    ratio = small.fits["all minima"].gamma_err / big.fits["all minima"].gamma_err
    assert 1.6 < ratio < 2.5  # 1/sqrt(n): expected 2


def test_executor_gives_the_same_sample():
    seq = sample_minima(300_000, seed=5, chunk=100_000)
    with ProcessPoolExecutor(max_workers=2) as ex:
        par = sample_minima(300_000, seed=5, chunk=100_000, executor=ex)
    for k in seq:
        np.testing.assert_array_equal(seq[k], par[k])


def test_soft_potential_eta_distribution_is_linear():
    """Il'in, Karpov, Parshin 1987 Eq. (2): P(eta, t) ~ |eta| on both sides of eta = 0."""
    res = soft_potential_slopes(2_000_000)
    for k, f in res.fits.items():
        assert abs(f.gamma - 1.0) < 4 * f.gamma_err, res.summary()
        assert f.gamma_err < 0.1
        # and it is not flat (P_0 constant would give gamma = 0)
        assert f.gamma > 4 * f.gamma_err
