"""Spectral solver of the soft potential (Il'in, Karpov, Parshin 1987, Eq. 7) and the exact tunnel splitting."""

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glassderive.numeric import soft_potential as spot

# -psi'' + y^4 psi = eps psi: the pure quartic oscillator (values to 20 digits from the
# literature, e.g. Hioe & Montroll, J. Math. Phys. 16, 1945 (1975); checked below with the
# independent Taylor-shooting reference)
QUARTIC = [1.0603620904841828996, 3.7996730298013941688, 7.4556979379867383]


def test_pure_quartic_oscillator():
    got = spot.levels(0.0, 0.0, 3)
    np.testing.assert_allclose(got, QUARTIC, rtol=1e-13)
    ref = spot.level_reference(0.0, 0.0, got[0], dps=30)
    assert abs(float(ref) - QUARTIC[0]) < 1e-18


@pytest.mark.parametrize("alpha,beta", [(-7.3, 4.1), (-25.0, 3.0), (4.0, -2.5), (-1.0, 0.7)])
def test_levels_against_high_precision_reference(alpha, beta):
    got = spot.levels(alpha, beta, 3)
    for k in range(3):
        ref = spot.level_reference(alpha, beta, got[k], dps=30)
        assert abs(got[k] - float(ref)) <= 1e-12 * max(1.0, abs(float(ref)))


@settings(max_examples=10, deadline=None)
@given(alpha=st.floats(-100, 100), beta=st.floats(-100, 100))
def test_levels_converged_over_the_whole_domain(alpha, beta):
    """Self-consistency (two precisions in basis size): a sinc-DVR on a much wider box and a much
    finer grid than any levels uses (tail and momentum-space WKB decays 26 and 28 instead of
    12.5-23) changes nothing, whichever basis levels used."""
    a = spot.levels(alpha, beta, 2)
    A, B = np.array([alpha]), np.array([beta])
    ys, vmin, kmin, _ = spot._extrema(A, B)
    g = int(np.argmin(vmin[0]))
    E = np.array([a[-1] + 1e-6 * max(1.0, abs(a[-1]))])
    (w,) = spot._dvr_windows(A, B, E, vmin[:, g], kmin[:, g], [(26.0, 28.0)])
    fine = spot._dvr_solve(A, B, *w, 2)[0]
    assert np.all(np.abs(a - fine) <= 1e-12 * np.maximum(1, np.abs(fine)))
    assert a[0] <= a[1]  # equal in double precision for a deep symmetric well (tunnel_splitting)


def test_harmonic_limit():
    """alpha >> 1: eps_k = sqrt(alpha)(2k+1) + 3(2k^2+2k+1)/(4 alpha) + O(alpha^-5/2)."""
    errs = []
    alphas = [10.0, 20.0, 30.0]
    for a in alphas:
        got = spot.levels(a, 0.0, 2)
        k = np.arange(2)
        pert = math.sqrt(a) * (2 * k + 1) + 3 * (2 * k**2 + 2 * k + 1) / (4 * a)
        errs.append(np.max(np.abs(got - pert)))
    rates = [math.log(e1 / e2) / math.log(a2 / a1)
             for e1, e2, a1, a2 in zip(errs, errs[1:], alphas, alphas[1:])]
    assert all(2.3 < r < 2.7 for r in rates), rates      # O(alpha^-5/2)


def test_parity_and_mirror_symmetry():
    a, b = spot.levels(-3.0, 2.0, 3), spot.levels(-3.0, -2.0, 3)
    assert np.all(np.abs(a - b) <= 1e-12 * np.maximum(1, np.abs(a)))


def test_batched_shapes_and_executor():
    from concurrent.futures import ThreadPoolExecutor

    a = np.array([[-2.0, 0.0], [3.0, 5.0]])
    out = spot.levels(a, 1.0, 2)
    assert out.shape == (2, 2, 2)
    with ThreadPoolExecutor(2) as ex:
        np.testing.assert_array_equal(spot.levels(a, 1.0, 2, executor=ex), out)


@pytest.mark.parametrize("alpha", [-6.0, -12.0])
def test_tunnel_splitting_matches_double_precision_where_resolvable(alpha):
    d = spot.tunnel_splitting(alpha)
    lv = spot.levels(alpha, 0.0, 2)
    assert abs(float(d) - (lv[1] - lv[0])) <= 1e-12 * max(1, abs(lv[0]))


def test_tunnel_splitting_tiny_is_stable_in_precision():
    """alpha = -30: the splitting is ~1e-32 of the levels; two working precisions agree."""
    a = spot.tunnel_splitting(-30.0)
    b = spot.tunnel_splitting(-30.0, dps=80)
    assert 1e-33 < a < 1e-30
    assert abs(a - b) <= 1e-10 * b


def test_wkb_limits():
    """-ln(splitting)/S -> 1 (S of Eq. 4.3), and the exact splitting over Landau's WKB form
    (omega/pi) exp(-S(E0)) tends to a constant (sqrt(pi/e), Garg 2000)."""
    alphas = [-8.0, -16.0, -30.0]
    ratio, q = [], []
    for a in alphas:
        d = spot.tunnel_splitting(a)
        lv = spot.levels(a, 0.0, 2)
        E0 = (lv[0] + lv[1]) / 2
        omega = 4 * math.sqrt(-a / 2)
        ratio.append(-float(mp.log(d)) / spot.wkb_exponent_bottom(a))
        q.append(float(d) / (omega / math.pi * math.exp(-spot.wkb_action(a, E0))))
    assert ratio[0] < ratio[1] < ratio[2] < 1
    assert 1 - ratio[2] < 0.5 * (1 - ratio[0])
    gaps = [abs(x - math.sqrt(math.pi / math.e)) for x in q]
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 0.01


def test_wkb_action_against_quadrature():
    a, E = -10.0, -20.0
    got = spot.wkb_action(a, E)
    with mp.workdps(30):
        u1 = (-a - mp.sqrt(a * a + 4 * E)) / 2
        ref = 2 * mp.quad(lambda y: mp.sqrt(max(a * y**2 + y**4 - E, 0)), [0, mp.sqrt(u1)])
    assert abs(got - float(ref)) < 1e-12 * float(ref)
    # at the bottom of the well it becomes (4/3)(|alpha|/2)^(3/2) of Eq. (4.3)
    assert spot.wkb_action(a, -a * a / 4 * (1 - 1e-12)) == pytest.approx(
        spot.wkb_exponent_bottom(a), rel=1e-5)


@pytest.mark.parametrize("call,match", [
    (lambda: spot.levels(100.5, 0.0), "alpha"),
    (lambda: spot.levels(0.0, -100.5), "beta"),
    (lambda: spot.levels(float("nan"), 0.0), "alpha"),
    (lambda: spot.levels(0.0, 0.0, n=0), "n must"),
    (lambda: spot.tunnel_splitting(2.0), "alpha"),
    (lambda: spot.wkb_action(-4.0, 1.0), "energy"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------------------------------------
# specific_heat: the converged c/T^3 of the soft-potential ensemble (Il'in, Karpov, Parshin 1987)
# ---------------------------------------------------------------------------------------------
T_HEAT = np.logspace(math.log10(spot.HEAT_T_RANGE[0]), math.log10(spot.HEAT_T_RANGE[1]), 31)
T_CHECK = np.array([0.02, 0.05, 0.1, 0.3, 0.585, 1.0, 2.0, 5.0])   # spans HEAT_T_RANGE


@pytest.fixture(scope="module")
def heat():
    return spot.specific_heat(T_HEAT)


def _tanh_sinh(degree: int, prec: int):
    """mpmath's tanh-sinh rule on [0, 1] with step 2^-degree: the nodes of every level up to
    ``degree``, weighted as mp.quad sums them, truncated where 1 - abs(x) < 2^-(prec + 10)."""
    from mpmath.calculus.quadrature import TanhSinh

    rule, h = TanhSinh(mp.mp), mp.ldexp(1, -degree)
    xw = np.array([(float(x), float(w * h)) for d in range(1, degree + 1)
                   for x, w in rule.get_nodes(-1, 1, d, prec)])
    return (xw[:, 0] + 1) / 2, xw[:, 1] / 2


@pytest.fixture(scope="module")
def heat_reference():
    """c(T) for P ~ abs(alpha) on -10 < alpha < 16, abs(beta) < 6, independently of the
    quadrature of specific_heat: mpmath's tanh-sinh rule straight in (alpha, beta) (its nodes
    cluster double-exponentially at beta = 0, where the TLS of small asymmetry live; no change
    of variables, no panels apart from alpha = 0 and the kink alpha = 9 * 6^2/32 of the
    single-well beta range), the 16 lowest levels of each potential (the truncation is tested
    below), c from the Boltzmann populations.  Tanh-sinh degree 4 for the double wells, 3 x 2
    for the single wells (finer tanh-sinh rules change c by < 2e-5 on T_CHECK).  Returns c as
    a function of T."""
    lo, hi, bmax = -10.0, 16.0, 6.0
    u, wu = _tanh_sinh(4, 8)
    v, wv = _tanh_sinh(4, 12)
    al, be, wt = [np.repeat(lo * u, v.size)], [np.tile(bmax * v, u.size)], \
        [2 * np.outer(-lo * wu * np.abs(lo * u), bmax * wv).ravel()]     # beta and -beta
    u, wu = _tanh_sinh(3, 10)
    v, wv = _tanh_sinh(2, 10)
    kink = 9 * bmax**2 / 32
    for a0, a1 in ((0.0, kink), (kink, hi)):
        a = a0 + (a1 - a0) * u
        top = np.minimum(bmax, np.sqrt(32 * a / 9))        # single well: alpha > 9 beta^2/32
        al.append(np.repeat(a, v.size))
        be.append(np.outer(top, v).ravel())
        wt.append(2 * np.outer((a1 - a0) * wu * a * top, wv).ravel())
    al, be, wt = np.concatenate(al), np.concatenate(be), np.concatenate(wt)
    ex = spot.levels(al, be, 16)
    ex = ex - ex[:, :1]

    def c(T):
        e = ex / T
        p = np.exp(-e)
        p /= p.sum(1, keepdims=True)
        return float(wt @ ((p * e * e).sum(1) - (p * e).sum(1) ** 2) / wt.sum())
    return c


def test_specific_heat_minimum_against_independent_quadrature(heat, heat_reference):
    """T_min of c/T^3 to HEAT_RTOL (the bug: 0.451 w on the former uniform grid, 23 % low)."""
    from scipy.optimize import minimize_scalar

    r = minimize_scalar(lambda lt: math.log(heat_reference(math.exp(lt))) - 3 * lt,
                        bounds=(math.log(0.3), math.log(1.0)), method="bounded",
                        options={"xatol": 1e-9})
    t_ref = math.exp(r.x)
    t_min = heat.minimum()
    assert abs(t_min / t_ref - 1) < spot.HEAT_RTOL
    # the error estimate covers the actual error and says the minimum is converged
    assert abs(t_min - t_ref) <= heat.minimum_error() < 1e-3 * t_min


def test_specific_heat_against_independent_quadrature(heat, heat_reference):
    """c(T) at T across HEAT_T_RANGE to HEAT_RTOL, and the error estimate bounds the error."""
    got = heat.at(T_CHECK)
    ref = np.array([heat_reference(t) for t in T_CHECK])
    np.testing.assert_allclose(got.c, ref, rtol=spot.HEAT_RTOL, atol=0)
    np.testing.assert_allclose(got.reduced, ref / T_CHECK**3, rtol=spot.HEAT_RTOL, atol=0)
    assert np.all(np.abs(got.c - ref) <= got.error)


def test_specific_heat_converged_under_doubling(heat):
    """Twice the nodes in each direction change c(T) and T_min by less than HEAT_RTOL, and by
    less than the error estimate (the change from 3/4 of the nodes)."""
    fine = spot.specific_heat(T_HEAT, n_alpha=24, n_beta=56, estimate_error=False)
    np.testing.assert_allclose(heat.c, fine.c, rtol=spot.HEAT_RTOL, atol=0)
    assert np.all(np.abs(heat.c - fine.c) <= heat.error)
    assert abs(heat.minimum() / fine.minimum() - 1) < spot.HEAT_RTOL
    assert np.all(heat.error < 1e-3 * heat.c)      # the estimate says so too


def test_specific_heat_level_truncation():
    """The 16 levels kept change c by < HEAT_RTOL / 5 at the top of HEAT_T_RANGE against 24
    (on a coarse quadrature: the truncation is a property of each potential), and the error
    estimate covers it."""
    T = np.array([2.0, spot.HEAT_T_RANGE[1]])
    a = spot.specific_heat(T, n_alpha=3, n_beta=4)
    b = spot.specific_heat(T, n_alpha=3, n_beta=4, n_levels=24, estimate_error=False)
    np.testing.assert_allclose(a.c, b.c, rtol=spot.HEAT_RTOL / 5, atol=0)
    assert np.all(np.abs(a.c - b.c) <= a.error)


def test_specific_heat_minimum_near_half_W(heat):
    """c/T^3 rises at low T (TLS), has a minimum, then the quasilocal rise; "W ~ 2 T_min"
    (Parshin, Schober, Gurevich 2007 below Eq. 1.13 / Il'in, Karpov, Parshin 1987) to one
    digit: W/T_min = 1.71 (W = w = 1 in these units)."""
    r = heat.reduced
    t_min = heat.minimum()
    assert round(1 / t_min) == 2
    i = int(np.searchsorted(heat.T, t_min))
    assert r[0] > 100 * r[i]                 # the TLS rise at low T
    assert r[i:].max() > 1.1 * r[i]          # the quasilocal-vibration rise above
    assert heat.at([t_min]).reduced[0] <= min(r[i - 1], r[i])


def test_specific_heat_executor_and_bad_input():
    from concurrent.futures import ProcessPoolExecutor

    T = np.array([0.2, 0.5, 1.0])
    a = spot.specific_heat(T, n_alpha=3, n_beta=4)
    with ProcessPoolExecutor(2) as ex:
        b = spot.specific_heat(T, n_alpha=3, n_beta=4, executor=ex)
    np.testing.assert_array_equal(a.c, b.c)            # the same batches, bit-identical levels
    np.testing.assert_array_equal(a.error, b.error)
    assert spot.specific_heat(T, n_alpha=3, n_beta=4, estimate_error=False).error is None
    for call, match in [(lambda: spot.specific_heat([0.0]), "'T'"),
                        (lambda: spot.specific_heat([1.0], "gaussian"), "distribution"),
                        (lambda: spot.specific_heat([1.0], alpha_range=(-120, 16)), "alpha_range"),
                        (lambda: spot.specific_heat([1.0], alpha_range=(5, 1)), "alpha_range"),
                        (lambda: spot.specific_heat([1.0], beta_max=0.0), "beta_max"),
                        (lambda: spot.specific_heat([1.0], n_alpha=1), "n_alpha"),
                        (lambda: spot.specific_heat([1.0], n_levels=51), "n_levels"),
                        (lambda: a.at([-1.0]), "'T'")]:
        with pytest.raises(ValueError, match=match):
            call()
    with pytest.raises(ValueError, match="no interior minimum"):
        a.at([0.05, 0.1, 0.2]).minimum()        # the TLS fall only


def test_tls_parameters():
    """A slightly asymmetric double well is a TLS: E = sqrt(Delta^2 + Delta_0^2), Delta_0 the
    symmetric splitting (exact) and Delta -> 2 beta <y^3>_R (first-order perturbation in the
    localised basis), with a relative error O(beta^2) (Delta is odd in beta)."""
    a = -9.0
    E0, D, D0 = spot.tls_parameters(a, 0.0)
    # the double-precision gap carries an absolute error ~1e-13 |eps| (eps ~ -20 here)
    assert abs(E0 - D0) <= 1e-12 * 20 and D < 1e-4 * D0
    m = spot.localized_cubic_moment(a)
    assert 0.8 * (-a / 2) ** 1.5 < m < (-a / 2) ** 1.5        # <y^3> below y0^3, near it
    errs = []
    for b in (0.04, 0.02, 0.01):
        E, D, D0 = spot.tls_parameters(a, b)
        assert E == pytest.approx(math.hypot(D, D0), rel=1e-12)
        errs.append(abs(D / (2 * b * m) - 1))
    assert all(1.7 < math.log2(e1 / e2) < 2.3 for e1, e2 in zip(errs, errs[1:]))
