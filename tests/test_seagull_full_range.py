"""Sea-gull kernels over the whole double range they accept (issue 8).

``reduced_dos(x, branch)`` for 5e-324 <= x <= 6e307 / c_branch (above it raises OverflowError)
and ``t_integral(lam, branch)`` for 5e-324 <= lam <= 1.8e308, every branch, against a 30-digit
mpmath quadrature of the defining integral, at seeded log-uniform random points, at the end
points and at every regime switch +- 1 ulp.  The old tests sampled 1e-8 <= x <= 1e8 only and
missed branch III being wrong (even negative) for 1e-30 < x < 5e-17: the closed form took the
principal log of a quotient that sits on its branch cut, -1 + i*tiny, there.

Tolerance: relative 1e-12 where the reference is a normal double.  Below the normal range
(x^4 or x^3 underflows for small x, 1/lam for lam > ~1e307) the expected value is the
reference rounded to the subnormal grid: the kernel must return one of the two grid points
next to it (|got - ref| < 2^-1074), and 0 where the reference is below 2^-1075 (e.g. x = 5e-324).
"""

import math
import sys

import mpmath as mp
import numpy as np
import pytest

from glassderive.numeric import seagull as sg
from glassderive.verify import references as ref_

BRANCHES = ["I", "II", "III", "total"]
TINY = 2.0**-1074                 # the smallest subnormal
NORMAL = sys.float_info.min       # the smallest normal double
REL = 1e-12


# ---------------------------------------------------------------------------------------------
# Reference: the defining integral by mpmath quadrature, usable at any lam > 0
# ---------------------------------------------------------------------------------------------
def t_reference(lam, branch, dps=30):
    """int_a^b dt / (1 + lam^2 q^2), q = t (3 - 2t^2), by mpmath quadrature at dps digits.

    Independent of the kernel's closed form.  Each branch is written in the distance u from its
    Lorentzian peak (t = u on [0, 1]; t = sqrt(3/2) -+ u on II / III, where
    3 - 2t^2 = -+2u(2 sqrt(3/2) +- u) has no cancellation, so no extra digits are needed at
    large lam), and u = W tan(theta) on [0, W], u = W cot(phi) beyond, with W the peak's width
    1/(3 lam) or 1/(6 lam) (capped by the interval, and for III by the flat part's extent
    (2 lam)^(-1/3)): the peak becomes flat in the angle, and the cost does not grow with
    |log lam|.  Breakpoints at the images of the integrand's scales; the integrand is scaled by
    1/W because mp.quad's tolerance is absolute.  Total = I + II.
    """
    if branch == "total":
        with mp.workdps(dps + 5):
            return +(t_reference(lam, "I", dps + 5) + t_reference(lam, "II", dps + 5))
    with mp.workdps(dps + 10):
        lam = mp.mpf(lam)
        s32 = mp.sqrt(mp.mpf(3) / 2)
        if branch == "I":
            q = lambda u: u * (3 - 2 * u * u)
            W, top, scales = min(1 / (3 * lam), mp.mpf(1)), mp.mpf(1), [1 / (3 * lam)]
        elif branch == "II":
            q = lambda u: (s32 - u) * 2 * u * (2 * s32 - u)
            W, top, scales = min(1 / (6 * lam), s32 - 1), s32 - 1, [1 / (6 * lam)]
        else:  # III: flat out to (2 lam)^(-1/3), then ~ t^-6
            q = lambda u: -(s32 + u) * 2 * u * (2 * s32 + u)
            T = mp.cbrt(1 / (2 * lam))
            W, top, scales = min(1 / (6 * lam), T), mp.inf, [1 / (6 * lam), T]
        scales = [s * m for s in scales + [mp.mpf(1) / 10, mp.mpf(1) / 2, mp.mpf(1)]
                  for m in (mp.mpf(1) / 8, 1, 8, 64)]

        def f_tan(th):
            tau = mp.tan(th)
            return (1 + tau * tau) / (1 + (lam * q(W * tau)) ** 2)

        def f_cot(ph):
            c = 1 / mp.tan(ph)
            return (1 + c * c) / (1 + (lam * q(W * c)) ** 2)

        p_tan = sorted({mp.mpf(0), mp.pi / 4} | {mp.atan(s / W) for s in scales if s < W})
        ph_min = mp.atan(W / top) if top != mp.inf else mp.mpf(0)
        p_cot = sorted({ph_min, mp.pi / 4} | {mp.atan(W / s) for s in scales if W < s < top})
        return +(W * (mp.quad(f_tan, p_tan, maxdegree=10) + mp.quad(f_cot, p_cot, maxdegree=10)))


def dos_reference(x, branch, dps=30):
    """(12/pi) x^4 t_reference(x^3) (x^3 exact in mpmath)."""
    with mp.workdps(dps + 10):
        x = mp.mpf(x)
        return +(12 / mp.pi * x**4 * t_reference(x**3, branch, dps))


def x_max(branch):
    """The largest x reduced_dos accepts (beyond, it raises OverflowError)."""
    return 6e307 / sg._LARGE_COEF[branch]


LAM_MAX = sys.float_info.max


def assert_matches(got, ref, where):
    got = float(got)
    if ref >= NORMAL:
        err = abs(mp.mpf(got) - ref) / ref
        assert err <= REL, (where, got, mp.nstr(ref, 20), float(err))
    else:   # below the normal range: a neighbouring point of the subnormal grid
        assert got >= 0 and abs(mp.mpf(got) - ref) < TINY, (where, got, mp.nstr(ref, 20))
        if ref < TINY / 2:
            assert got == 0.0, (where, got, mp.nstr(ref, 20))


def _neighbours(s):
    return [math.nextafter(s, -math.inf), s, math.nextafter(s, math.inf)]


def _lam_cbrt_switch():
    """lam where the root parametrisation switches (z = 1/(sqrt2 lam) = _Z_CBRT)."""
    return 1.0 / (sg.SQRT2 * sg._Z_CBRT)


def x_switches():
    """Every x where reduced_dos changes formula: the limiting laws, the series of the finite
    branches, and the two root parametrisations of the closed form (lam = x^3)."""
    return [sg.X_SMALL, sg.X_SERIES, sg.X_LARGE, _lam_cbrt_switch() ** (1 / 3)]


def lam_switches():
    return [sg.X_SMALL**3, sg.X_SERIES**3, sg.X_LARGE**3, _lam_cbrt_switch()]


def _log_uniform(rng, lo, hi, n):
    return np.minimum(np.exp(rng.uniform(math.log(lo), math.log(hi), n)), hi)


def _log_grid(lo, hi, n):
    """n log-spaced points from lo to hi inclusive (np.geomspace overflows near the top)."""
    return np.clip(np.exp(np.linspace(math.log(lo), math.log(hi), n)), lo, hi)


def x_points(branch):
    rng = np.random.default_rng(8 + BRANCHES.index(branch))
    pts = list(_log_uniform(rng, 5e-324, x_max(branch), 30))
    pts += list(_log_uniform(rng, 1e-30, 5e-17, 8))       # the window of issue 8
    pts += [5e-324, 1e-200, NORMAL, 1e-77, 5.84e-18, 1.0, x_max(branch)]
    for s in x_switches():
        pts += _neighbours(s)
    return pts


def lam_points(branch):
    rng = np.random.default_rng(80 + BRANCHES.index(branch))
    pts = list(_log_uniform(rng, 5e-324, LAM_MAX, 14))
    pts += list(_log_uniform(rng, 1e-90, 1.25e-49, 4))    # x in the window of issue 8
    pts += [5e-324, NORMAL, 5.84e-18**3, 1.0, 1e307, LAM_MAX]
    for s in lam_switches():
        pts += _neighbours(s)
    return pts


# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("branch", BRANCHES)
def test_reduced_dos_whole_range_against_mpmath(branch):
    xs = np.array(x_points(branch))
    got = sg.reduced_dos(xs, branch)
    for x, g in zip(xs, got):
        assert_matches(g, dos_reference(float(x), branch), ("reduced_dos", branch, float(x)))


@pytest.mark.parametrize("branch", BRANCHES)
def test_t_integral_whole_range_against_mpmath(branch):
    lams = np.array(lam_points(branch))
    got = sg.t_integral(lams, branch)
    for lam, g in zip(lams, got):
        assert_matches(g, t_reference(float(lam), branch), ("t_integral", branch, float(lam)))


@pytest.mark.parametrize("branch", BRANCHES)
def test_no_jump_at_any_switch(branch):
    """At every regime switch s, the values at s - 1 ulp, s, s + 1 ulp agree to 1e-13 (the
    function itself changes by < 1e-15 over two ulps)."""
    for f, switches in ((sg.reduced_dos, x_switches()), (sg.t_integral, lam_switches())):
        for s in switches:
            v = f(np.array(_neighbours(s)), branch)
            assert np.all(v > 0)
            assert abs(v[0] / v[1] - 1) < 1e-13 and abs(v[2] / v[1] - 1) < 1e-13, (f, s, v)


def test_both_root_parametrisations_are_exercised():
    """The switch points +- 1 ulp really fall on both sides of the roots' switch."""
    lam = np.array(_neighbours(_lam_cbrt_switch()))
    z = 1.0 / (sg.SQRT2 * lam)
    assert z[0] > sg._Z_CBRT >= z[2]
    x = np.array(_neighbours(x_switches()[-1]))
    z = 1.0 / (sg.SQRT2 * x**3)
    assert z[0] > sg._Z_CBRT >= z[2]


@pytest.mark.parametrize("branch", BRANCHES)
def test_dense_grid_is_finite_positive_and_adds_up(branch):
    """The issue's grid (4401 log-spaced points), over the whole range: finite, >= 0, > 0 where
    the value is representable; I + II = total."""
    xs = _log_grid(5e-324, x_max(branch), 4401)
    v = sg.reduced_dos(xs, branch)
    assert np.all(np.isfinite(v)) and np.all(v >= 0)
    assert np.all(v[np.log(xs) * sg._SMALL_POWER[branch] > math.log(1e-300)] > 0)
    lam = _log_grid(5e-324, LAM_MAX, 4401)
    t = sg.t_integral(lam, branch)
    assert np.all(np.isfinite(t)) and np.all(t >= 0) and np.all(t[lam < 1e300] > 0)


def test_branches_add_up_over_the_whole_range():
    xs = np.geomspace(1e-70, 2e307, 4401)
    total = sg.reduced_dos(xs, "total")
    np.testing.assert_allclose(sg.reduced_dos(xs, "I") + sg.reduced_dos(xs, "II"), total,
                               rtol=1e-14)


def test_branch_III_follows_its_small_x_law_in_the_issue_window():
    """For x <= 5e-17 the relative correction to 2^(5/3) x^3 is O(x) < 1e-15: the kernel must
    equal the law to rounding over the whole window where it used to fail."""
    xs = np.geomspace(1e-35, 5e-17, 2001)
    ratio = sg.reduced_dos(xs, "III") / sg.small_x_law(xs, "III")
    assert np.max(np.abs(ratio - 1)) < 1e-14
    lam = xs**3
    ratio_t = sg.t_integral(lam, "III") / (math.pi / 3 / np.cbrt(2 * lam))
    assert np.max(np.abs(ratio_t - 1)) < 1e-14


def test_issue_8_examples():
    assert_matches(sg.reduced_dos(5.84e-18, "III"), dos_reference(5.84e-18, "III"), "issue")
    assert_matches(sg.t_integral(5.84e-18**3, "III"), t_reference(5.84e-18**3, "III"), "issue")
    assert float(sg.t_integral(5.84e-18**3, "III")) == pytest.approx(1.4232213136883e17,
                                                                     rel=1e-12)


def test_overflow_limit():
    for branch in BRANCHES:
        assert np.isfinite(sg.reduced_dos(x_max(branch), branch))
        with pytest.raises(OverflowError):
            sg.reduced_dos(math.nextafter(x_max(branch), math.inf), branch)


def test_reference_against_itself_and_the_project_reference():
    """The wide-range reference agrees with itself at 30 and 45 digits (also where the kernel
    uses limiting laws), and with glassderive.verify.references where that one is cheap."""
    for x, branch in ((1e-300, "III"), (3e-18, "III"), (1e-250, "total"), (1e250, "II"),
                      (1e30, "I")):
        a, b = dos_reference(x, branch, 30), dos_reference(x, branch, 45)
        assert abs(a - b) <= mp.mpf(10) ** -27 * b, (x, branch)
    for x, branch in ((1e-6, "III"), (0.7, "total"), (2.0, "II"), (1e5, "I")):
        a, b = dos_reference(x, branch), ref_.reduced_dos_reference(x, branch, dps=30)
        assert abs(a - b) <= mp.mpf(10) ** -27 * b, (x, branch)
