"""The soft-potential spectrum over its whole allowed range (issue 8, items 2 and 3).

Every reference is independent of the code under test: 30-digit mpmath Taylor shooting
(``level_reference``: Newton on the Wronskian, a different algorithm from the oscillator bases
and the sinc-DVR of ``levels``), the high-precision mpmath path of ``tunnel_splitting`` (Newton on
even/odd shooting, not the Wronskian-integral identity of the double-precision path), mpmath's
own ODE solver and quadrature (``mp.odefun``, ``mp.quad``) for the TLS projector, exact
symmetries, and the semiclassical limits. No speed assertions (speed lives in
``benchmarks/soft_potential.py``).
"""

import math

import mpmath as mp
import numpy as np
import pytest

from glassderive.numeric import soft_potential as spot


def _ref_levels(alpha, beta, guesses):
    return np.array([float(spot.level_reference(alpha, beta, g, dps=30)) for g in guesses])


def _rel_err(got, ref):
    return float(np.max(np.abs(np.asarray(got) - ref) / np.maximum(1.0, np.abs(ref))))


# ---------------------------------------------------------------------------------------------
# levels: 12 digits over the whole range [-100, 100]^2
# ---------------------------------------------------------------------------------------------
EXTREMES = [
    (-100.0, -100.0), (-100.0, 100.0), (100.0, 100.0), (100.0, -100.0),   # the corners
    (100.0, 0.0), (0.0, 100.0), (0.0, -100.0),                           # edges
    (-100.0, 0.5),           # deep double well, the wells 0.5 y0^3 ~ 177 apart
    (-60.0, -0.05),          # two deep wells both among the lowest levels
    (25.0, 10.0),            # beta^2 = 4 alpha: a shifted symmetric well (doublet split 1e-7)
    (2.0, 0.0), (-2.5, 0.1), (0.3, -0.2),    # quartic-dominated, shallow
    (50.1, 14.265),          # alpha > 0 double well: the ground state of the upper well (y = 0)
                             # is the 4th level, behind a thick barrier (a regression: it was
                             # once missed by taking the wrong column for the second minimum)
]


@pytest.mark.parametrize("alpha,beta", EXTREMES)
def test_levels_at_the_extremes_against_mpmath(alpha, beta):
    got = spot.levels(alpha, beta, 4)
    assert _rel_err(got, _ref_levels(alpha, beta, got)) <= 1e-12


def test_levels_random_points_against_mpmath():
    rng = np.random.default_rng(8)
    a, b = rng.uniform(-100, 100, 8), rng.uniform(-100, 100, 8)
    got = spot.levels(a, b, 4)                    # one batched call
    for i in range(a.size):
        assert _rel_err(got[i], _ref_levels(a[i], b[i], got[i])) <= 1e-12, (a[i], b[i])


def test_deep_symmetric_well_against_parity_shooting():
    """alpha = -100, beta = 0: two degenerate doublets (splitting e^-464); the reference is
    mpmath shooting with even/odd boundary conditions at y = 0."""
    got = spot.levels(-100.0, 0.0, 4)
    with mp.workdps(30):
        ref = [float(spot._even_odd_level(g, mp.mpf(-100), parity, mp))
               for g, parity in zip(got, (0, 1, 0, 1))]
    assert _rel_err(got, np.array(ref)) <= 1e-12
    assert got[1] - got[0] <= 1e-12 * abs(got[0])


def test_few_and_many_levels():
    one = spot.levels(-7.0, 1.5, 1)
    many = spot.levels(-7.0, 1.5, 50)
    assert one.shape == (1,) and many.shape == (50,)
    assert np.all(np.diff(many) > 0)
    idx = [0, 1, 20, 49]
    assert _rel_err(many[idx], _ref_levels(-7.0, 1.5, many[idx])) <= 1e-12
    assert abs(one[0] - many[0]) <= 1e-12 * abs(many[0])


def test_arrays_in_arrays_out_and_batch_independence():
    a = np.array([[-80.0, -3.0, 0.0], [5.0, 40.0, 99.0]])
    b = np.array([0.7, -20.0, 60.0])
    out = spot.levels(a, b, 3)
    assert out.shape == (2, 3, 3)
    for i in np.ndindex(a.shape):
        # each pair alone gives bit-identical levels: nothing depends on the batch
        np.testing.assert_array_equal(spot.levels(a[i], b[i[1]], 3), out[i])
    assert spot.levels([1.0, 2.0], 0.0, 2).shape == (2, 2)
    assert spot.levels(1.0, 0.0, 2).shape == (2,)


@pytest.mark.parametrize("call,match", [
    (lambda: spot.levels(float("nan"), 0.0), "'alpha' must be finite"),
    (lambda: spot.levels(0.0, float("inf")), "'beta' must be finite"),
    (lambda: spot.levels([0.0, -100.5], 0.0), r"'alpha' must lie in \[-100, 100\]"),
    (lambda: spot.levels(0.0, 101.0), r"'beta' must lie in \[-100, 100\]"),
    (lambda: spot.levels(0.0, 0.0, n=51), "n must be an integer in"),
    (lambda: spot.levels(0.0, 0.0, n=2.0), "n must be an integer in"),
    (lambda: spot.levels(0.0, 0.0, n=True), "n must be an integer in"),
])
def test_levels_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------------------------------------
# tunnel_splitting and log_tunnel_splitting
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [-0.5, -4.0, -12.0, -30.0, -60.0])
def test_tunnel_splitting_against_the_high_precision_path(alpha):
    d = spot.tunnel_splitting(alpha)
    need = int(-math.log10(d) + math.log10(max(1.0, alpha * alpha / 4)) + 20)
    ref = spot.tunnel_splitting(alpha, dps=need)
    assert isinstance(d, float) and isinstance(ref, mp.mpf)
    assert abs(float((mp.mpf(d) - ref) / ref)) <= 1e-13
    assert abs(spot.log_tunnel_splitting(alpha) - float(mp.log(ref))) <= 1e-13 * abs(float(mp.log(ref))) + 1e-14


def test_log_tunnel_splitting_at_the_edge_of_double_precision():
    """alpha = -100: 1e-202, still a double; the log agrees with 220-digit mpmath shooting."""
    ref = spot.tunnel_splitting(-100.0, dps=220)
    assert abs(spot.log_tunnel_splitting(-100.0) - float(mp.log(ref))) <= 1e-12
    assert abs(float((mp.mpf(spot.tunnel_splitting(-100.0)) - ref) / ref)) <= 1e-12


def test_tunnel_splitting_arrays_in_arrays_out():
    al = np.array([[-4.0, -12.0], [-30.0, -6.0]])
    d = spot.tunnel_splitting(al)
    assert d.shape == (2, 2) and d.dtype == float
    for i in np.ndindex(al.shape):
        assert abs(d[i] - spot.tunnel_splitting(float(al[i]))) <= 1e-14 * d[i]
    logs = spot.log_tunnel_splitting(al)
    assert logs.shape == (2, 2)
    np.testing.assert_allclose(np.exp(logs), d, rtol=1e-13)
    m = spot.tunnel_splitting(al, as_mpmath=True)
    assert m.shape == (2, 2) and all(isinstance(x, mp.mpf) for x in m.ravel())
    assert isinstance(spot.log_tunnel_splitting(-5.0), float)


def test_underflowing_splittings_raise_or_come_as_mpmath():
    """alpha = -200: the splitting is ~e^-1325 < 1e-308. The default raises (never 0.0) and
    points to log_tunnel_splitting; as_mpmath=True returns the number itself."""
    with pytest.raises(ValueError, match="log_tunnel_splitting") as info:
        spot.tunnel_splitting([-20.0, -200.0])
    assert "'alpha'" in str(info.value) and "as_mpmath=True" in str(info.value)
    x = spot.tunnel_splitting(-200.0, as_mpmath=True)
    assert isinstance(x, mp.mpf) and 0 < x < mp.mpf("1e-500")
    assert abs(float(mp.log(x)) - spot.log_tunnel_splitting(-200.0)) <= 1e-12
    assert np.isfinite(spot.log_tunnel_splitting(-1000.0))


def test_log_tunnel_splitting_approaches_landau_times_sqrt_pi_over_e():
    """Landau's WKB splitting (omega/pi) exp(-S(E0)), S the barrier action at the exact ground
    energy E0, times sqrt(pi/e) (Garg 2000; docs/errata.md) is the exact splitting to relative
    order hbar ln(hbar) ~ ln(S)/S (S(E) has (E - V_min)^2 ln(E - V_min) terms, and
    E0 - V_min = hbar omega/2 + O(hbar^2)). Over S = 78 .. 14900 the deviation drops by 600x,
    S times it changes by a factor 3, and the local decay exponents lie between 1 and 1.5."""
    alphas = np.array([-30.0, -100.0, -300.0, -1000.0])
    logs = spot.log_tunnel_splitting(alphas)
    E0 = spot._solve_levels(alphas, np.zeros(4), 1)[:, 0]      # beyond the public levels range
    S, gap = [], []
    for a, lg, e in zip(alphas, logs, E0):
        omega = 4 * math.sqrt(-a / 2)
        landau = math.log(omega / math.pi) - spot.wkb_action(a, e) + 0.5 * math.log(math.pi / math.e)
        S.append(spot.wkb_action(a, e))
        gap.append(abs(math.expm1(lg - landau)))
    S, gap = np.array(S), np.array(gap)
    assert np.all(np.diff(gap) < 0) and gap[-1] < 1e-5
    rates = -np.diff(np.log(gap)) / np.diff(np.log(S))
    assert np.all((rates > 1.0) & (rates < 1.5)), rates
    assert np.all((gap * S > 0.05) & (gap * S < 0.5)) and gap[-1] * S[-1] / math.log(S[-1]) < 0.05


@pytest.mark.parametrize("call,match", [
    (lambda: spot.tunnel_splitting(0.0), r"'alpha' must lie in \[-1000, 0\)"),
    (lambda: spot.tunnel_splitting([-5.0, float("nan")]), "'alpha' must be finite"),
    (lambda: spot.log_tunnel_splitting(-1000.5), r"'alpha' must lie in \[-1000, 0\)"),
    (lambda: spot.log_tunnel_splitting(float("-inf")), "'alpha' must be finite"),
    (lambda: spot.tunnel_splitting(-5.0, dps=10), "dps must be an integer"),
    (lambda: spot.tunnel_splitting(-30.0, dps=30), "use dps >= "),
])
def test_tunnel_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------------------------------------
# tls_splitting: the asymmetric double well
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [-6.0, -25.0])
def test_tls_symmetric_well_is_pure_tunnelling(alpha):
    E, D, D0 = spot.tls_splitting(alpha, 0.0)
    ts = spot.tunnel_splitting(alpha)
    assert abs(D) <= 1e-14 * E
    assert abs(D0 - ts) <= 1e-13 * ts and abs(E - ts) <= 1e-13 * ts


def test_tls_shifted_symmetric_well():
    """beta^2 = 4 alpha: V = ((y + beta/4)^2 - beta^2/16)^2, the symmetric well with
    alpha' = -beta^2/8 shifted by beta^4/256 (mirror symmetric about y = -beta/4)."""
    E, D, D0 = spot.tls_splitting(4.0, 4.0)
    ts = spot.tunnel_splitting(-2.0)
    assert abs(D) <= 1e-13 * E and abs(D0 - ts) <= 1e-12 * ts


def test_tls_mirror_and_pythagoras():
    E, D, D0 = spot.tls_splitting(-9.0, 0.04)
    Em, Dm, D0m = spot.tls_splitting(-9.0, -0.04)
    assert D > 0 and abs(Em - E) <= 1e-13 * E and abs(Dm + D) <= 1e-13 * E and abs(D0m - D0) <= 1e-12 * D0
    assert abs(math.hypot(D, D0) - E) <= 1e-14 * E
    # E = eps_2 - eps_1: against the double-precision levels (E is resolvable here)
    lv = spot.levels(-9.0, 0.04, 2)
    assert abs(E - (lv[1] - lv[0])) <= 1e-12 * abs(lv[0])


def test_tls_small_beta_limits():
    """beta -> 0: Delta -> 2 beta <y^3>_R (first order in the localized basis) and
    Delta_0 -> tunnel_splitting(alpha), both with relative corrections O(beta^2) (Delta is odd,
    Delta_0 even in beta)."""
    a = -9.0
    m = spot.localized_cubic_moment(a)
    d00 = spot.tunnel_splitting(a)
    errD, err0 = [], []
    for b in (0.04, 0.02, 0.01):
        _, D, D0 = spot.tls_splitting(a, b)
        errD.append(abs(D / (2 * b * m) - 1))
        err0.append(abs(D0 / d00 - 1))
    for e in (errD, err0):
        assert all(1.8 < math.log2(e1 / e2) < 2.2 for e1, e2 in zip(e, e[1:])), e


def test_tls_both_parameters_far_below_double_resolution_of_the_levels():
    """alpha = -25 (Delta_0 = 7.6e-24, levels ~ -146): beta = 9.5e-26 makes Delta ~ Delta_0. In
    this limit Delta = 2 beta <y^3>_R and Delta_0 = tunnel_splitting(alpha) to O(beta^2) ~ 1e-50:
    exact up to double rounding (and the 1e-12 of the DVR moment), although E = 1.1e-23 is
    1e-25 of the levels."""
    b = 9.5e-26
    E, D, D0 = spot.tls_splitting(-25.0, b)
    assert abs(D / (2 * b * spot.localized_cubic_moment(-25.0)) - 1) <= 1e-11
    assert abs(D0 / spot.tunnel_splitting(-25.0) - 1) <= 1e-13
    assert abs(math.hypot(D, D0) / E - 1) <= 1e-14


def test_tls_against_independent_mpmath_computation():
    """alpha = -5, beta = 0.02 (Delta ~ Delta_0 ~ 0.15): the levels from 30-digit shooting, the
    wavefunctions from mpmath's own Taylor ODE solver started in both tails, and the projector
    Theta_ij = int_yb^oo psi_i psi_j by mpmath quadrature (no Wronskian identities)."""
    a, b = -5.0, 0.02
    E, D, D0 = spot.tls_splitting(a, b)
    with mp.workdps(20):
        Es = [spot.level_reference(a, b, g, dps=30) for g in spot.levels(a, b, 2)]
        ys, _, _, ismax = spot._extrema(np.array([a]), np.array([b]))
        yb = mp.mpf(float(ys[0, np.argmax(ismax[0])]))
        A, B = mp.mpf(a), mp.mpf(b)

        def V(y):
            return ((y + B) * y + A) * y * y

        def solve(En):
            y0 = mp.mpf("4.5")            # int sqrt(V - E) from the turning points: > 25
            fL = mp.odefun(lambda y, u: [u[1], (V(y) - En) * u[0]], -y0, [1, mp.sqrt(V(-y0) - En)])
            fR = mp.odefun(lambda x, u: [u[1], (V(-x) - En) * u[0]], -y0, [1, mp.sqrt(V(y0) - En)])
            c = fL(yb)[0] / fR(-yb)[0]    # psi = fL on the left, c fR(-y) on the right
            right = mp.quad(lambda x: fR(x)[0] ** 2, [-y0, -yb]) * c * c
            norm = mp.quad(lambda y: fL(y)[0] ** 2, [-y0, yb]) + right
            return fR, c, right, norm

        (f1, c1, r1, n1), (f2, c2, r2, n2) = solve(Es[0]), solve(Es[1])
        t11, t22 = r1 / n1, r2 / n2
        t12 = mp.quad(lambda x: f1(x)[0] * f2(x)[0], [-mp.mpf("4.5"), -yb]) * c1 * c2 / mp.sqrt(n1 * n2)
        Eref = Es[1] - Es[0]
        Dn = mp.sqrt((t22 - t11) ** 2 + 4 * t12**2)
        Dref, D0ref = Eref * (t22 - t11) / Dn, 2 * Eref * abs(t12) / Dn
    for got, ref in ((E, Eref), (D, Dref), (D0, D0ref)):
        assert abs(got - float(ref)) <= 1e-13 * float(ref)


@pytest.mark.parametrize("call,match", [
    (lambda: spot.tls_splitting(5.0, 1.0), "single well"),
    (lambda: spot.tls_splitting(-31.0, 0.0), "'alpha' must lie in"),
    (lambda: spot.tls_splitting(-5.0, float("nan")), "'beta' must be finite"),
])
def test_tls_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_tls_arrays_in_arrays_out():
    E, D, D0 = spot.tls_splitting(np.array([-6.0, -6.0]), np.array([0.0, 0.05]))
    assert E.shape == D.shape == D0.shape == (2,)
    assert D[0] == 0.0 or abs(D[0]) <= 1e-14 * E[0]
    assert D[1] > 0
