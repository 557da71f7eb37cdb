"""Kernels built from derivation results: vectorised, validated, equal to the mpmath reference."""

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import glassderive
from glassderive.numeric.kernel import Interval, Kernel, check_array

finite = st.floats(-50, 50, allow_nan=False, allow_infinity=False)
positive = st.floats(1e-6, 50, allow_nan=False, allow_infinity=False)


@pytest.fixture(scope="module")
def gc():
    return glassderive.get("gurarie-chalker")


@pytest.fixture(scope="module")
def spp():
    return glassderive.get("soft-potential-parameters")


def test_vectorised_and_broadcast(gc):
    k = gc.kernel("coefficient_a1")
    s0 = np.linspace(-2, 2, 7)
    out = k(s0, 1.0, 0.5, 2.0)
    assert out.shape == (7,)
    expected = [-1.0 * s + 0.5 * s**2 / 2 - 2.0 * s**3 / 6 for s in s0]
    np.testing.assert_allclose(out, expected, rtol=1e-15, atol=1e-15)
    assert np.ndim(k(0.1, 1.0, 0.5, 2.0)) == 0


@given(s0=finite, b2=finite, b3=finite, b4=finite)
def test_coefficient_kernels_match_mpmath_reference(gc, s0, b2, b3, b4):
    for name in ("coefficient_a1", "coefficient_a2", "coefficient_a3", "coefficient_a4"):
        got = float(gc.kernel(name)(s0, b2, b3, b4))
        ref = gc.reference(name, dps=40)(s0, b2, b3, b4)
        # a sum of terms: compare against the sum of magnitudes (condition number)
        scale = max(abs(s0), 1) ** 3 * max(abs(b2), abs(b3), abs(b4), 1e-300)
        assert abs(got - float(ref)) <= 1e-14 * scale


@given(b2=positive, b3=finite, b4=positive)
def test_beta_kernel(gc, b2, b3, b4):
    got = gc.kernel("beta")(b2, b3, b4)
    ref = gc.reference("beta", dps=40)(b2, b3, b4)
    assert got == pytest.approx(float(ref), rel=1e-14, abs=1e-300)


@given(eta=finite, t=finite, tp=finite)
def test_soft_potential_linear_term(spp, eta, t, tp):
    got = spp.kernel("linear_term")(eta, t, tp)
    ref = spp.reference("linear_term", dps=40)(eta, t, tp)
    scale = (1 + abs(eta)) * (1 + abs(t) + abs(tp)) ** 3
    assert abs(got - float(ref)) <= 1e-13 * scale


def test_wrong_arguments_are_named(gc):
    k = gc.kernel("beta")
    with pytest.raises(TypeError, match="beta.*missing a required argument: 'b_4'"):
        k(1.0, 2.0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'omega'"):
        k(1.0, 2.0, 3.0, omega=1)
    with pytest.raises(TypeError, match="b_2.*real number"):
        k("a", 1.0, 1.0)


@pytest.mark.parametrize("bad,match", [
    ((-1.0, 1.0, 1.0), r"parameter 'b_2' must lie in \(0, inf\), got -1"),
    ((0.0, 1.0, 1.0), r"parameter 'b_2' must lie in \(0, inf\), got 0"),
    ((1.0, 1.0, np.array([1.0, -2.0])), r"parameter 'b_4' must lie in \(0, inf\), got -2"),
    ((1.0, math.nan, 1.0), r"parameter 'b_3' must be finite, got nan"),
    ((1.0, 1.0, math.inf), r"parameter 'b_4' must be finite, got inf"),
])
def test_out_of_domain_and_non_finite_are_rejected(gc, bad, match):
    with pytest.raises(ValueError, match=match):
        gc.kernel("beta")(*bad)


def test_negative_frequency_rejected(gc):
    with pytest.raises(ValueError, match="omega"):
        gc.kernel("dos_lowest_minima")(-1.0, 1.0)


def test_unknown_result_named(gc):
    with pytest.raises(KeyError, match="no result named 'nope'"):
        gc.kernel("nope")
    with pytest.raises(KeyError):
        gc.reference("nope")


def test_unbound_names_refused_when_built():
    import sympy as sp
    x = sp.Symbol("x")
    with pytest.raises(NotImplementedError, match="unbound"):
        Kernel.from_expr("f", sp.Function("mystery")(x), (x,))


def test_non_finite_result_raises_instead_of_returning_nan():
    k = Kernel("log", np.log, ["x"], {"x": Interval(-1.0, np.inf)})
    with pytest.raises(FloatingPointError):
        k(-0.5)


def test_check_array_closed_interval():
    iv = Interval(0.0, 1.0, lo_open=False, hi_open=False)
    assert check_array("x", [0.0, 1.0], iv).tolist() == [0.0, 1.0]
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        check_array("x", 1.5, iv)


def test_joint_condition_is_a_clear_error():
    """jacobian_E_p needs Delta_0 = E sqrt(p) < W (L > 0): outside, a ValueError says so."""
    k = glassderive.get("wkb-tunneling").kernel("jacobian_E_p")
    assert np.isfinite(k(0.5, 0.5, 1.0, 2.0, 1.0))
    with pytest.raises(ValueError, match="E\\*sqrt\\(p\\) < W"):
        k(3.0, 0.5, 1.0, 2.0, 1.0)
