"""TLS parameters of sampled double wells (numeric/double_well.py): exact cases, convergence,
extended precision, WKB, batch, CLI and bad input."""

import json
import math
from concurrent.futures import ThreadPoolExecutor

import mpmath as mp
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from glassderive.numeric import double_well as dw
from glassderive.numeric import soft_potential as spot


def quartic_path(alpha, beta=0.0, n=61, margin=3.5):
    """Samples of V = y^4 + beta y^3 + alpha y^2 out to where the walls no longer matter
    (the quintic spline reproduces a quartic exactly, so the interpolant is the quartic)."""
    x0 = math.sqrt(abs(alpha) / 2) + abs(beta)
    s = np.linspace(-x0 - margin, x0 + margin, n)
    return s, s**4 + beta * s**3 + alpha * s**2


def solve(s, V, **kw):
    kw.setdefault("units", "atomic")
    return dw.tls_from_path(s, V, 0.5, **kw)        # hbar = 1, m = 1/2: -psi'' + V psi


# ---------------------------------------------------------------------------------------------
# exact cases
# ---------------------------------------------------------------------------------------------
def test_harmonic_well_levels():
    """V = k s^2 / 2 is exactly a quintic spline and exactly its own harmonic wall: the levels
    are hbar omega (n + 1/2), here with hbar omega = sqrt(k/m) = 1."""
    s = np.linspace(-6, 6, 31)
    lv, err = dw.path_levels(s, 0.5 * s**2, 1.0, n=4, units="atomic")
    np.testing.assert_allclose(lv, np.arange(4) + 0.5, rtol=0, atol=1e-12)
    assert np.all(err < 1e-11)


@pytest.mark.parametrize("alpha", [-4.0, -8.0, -12.0, -16.0])
def test_symmetric_quartic_against_tunnel_splitting(alpha):
    s, V = quartic_path(alpha)
    r = solve(s, V, interpolation_error=False)
    exact = spot.tunnel_splitting(alpha)
    assert r.method == "dvr" and r.converged
    assert abs(r.Delta0 - exact) <= 1e-12 * exact
    assert abs(r.Delta0 - exact) <= r.Delta0_err + 4e-16 * exact
    if alpha >= -12:           # deeper: E carries the floor of Delta (rounding of V), see below
        assert abs(r.E - exact) <= 1e-12 * exact
    assert abs(r.Delta) <= r.Delta_err


def test_symmetric_quartic_below_double_precision_levels():
    """alpha = -24: Delta_0 = 8.5e-25 of hbar omega is far below what eigenvalues in double
    resolve; the extended-precision path gets it to 1e-12."""
    s, V = quartic_path(-24.0)
    r = solve(s, V, interpolation_error=False)
    exact = spot.tunnel_splitting(-24.0)
    assert r.method == "mpmath"
    assert abs(r.Delta0 - exact) <= 1e-12 * exact
    # the asymmetry noise of a potential rounded to double is in the errors
    assert abs(r.Delta) <= r.Delta_err
    assert abs(r.E - exact) <= r.E_err


def test_asymmetric_quartic_against_tls_splitting():
    """E, Delta, Delta_0 with the same definition as soft_potential.tls_splitting (mpmath)."""
    alpha, beta = -8.0, 0.3
    s, V = quartic_path(alpha, beta, n=71)
    r = solve(s, V, interpolation_error=False)
    E, D, D0 = spot.tls_splitting(alpha, beta)
    assert D > 0 and r.Delta > 0           # the right well is the higher one
    assert abs(r.E - E) <= 1e-11 * E
    assert abs(r.Delta - D) <= 1e-11 * E
    assert abs(r.Delta0 - D0) <= 1e-10 * D0
    assert r.converged and 0.9 < r.well_weight < 1.1


def test_razavy_double_well():
    """Razavy's quasi-exactly solvable double well V = 4 a^2 sinh^2 2x - 8 a cosh 2x
    (hbar^2/2m = 1):
    psi = exp(-a cosh 2x) cosh x and exp(-a cosh 2x) sinh x are its two lowest states,
    eps = -(4a + 1) and 4a - 1, so E = Delta_0 = 8 a exactly (Razavy, Am. J. Phys. 48, 285
    (1980)).  Not a polynomial: the interpolation error converges like h^6 (quintic spline)."""
    a = 0.05
    errs = []
    for n in (181, 361, 721):
        x = np.linspace(-3.6, 3.6, n)
        r = solve(x, 4 * a * a * np.sinh(2 * x) ** 2 - 8 * a * np.cosh(2 * x))
        errs.append(abs(r.E - 8 * a))
        assert errs[-1] <= r.E_err                      # the estimate covers the true error
        np.testing.assert_allclose(r.levels, [-(4 * a + 1), 4 * a - 1], rtol=0, atol=1e-8)
    assert errs[-1] <= 1e-11 * 8 * a
    assert errs[0] / errs[1] > 2**5                     # order ~6 (2^6 = 64)


def test_interpolation_estimate_is_the_second_interpolants_answer():
    """The interpolation error estimate (the second interpolant solved by perturbation theory
    from the first one's converged doublet) is the difference between the two interpolants'
    exact answers: each solved independently by the extended-precision shooting.  Razavy's
    well at 181 samples: the quintic's actual error (against E = 8a) is within the estimate;
    the estimate by re-solving the second interpolant (``"resolve"``) agrees."""
    a = 0.05
    x = np.linspace(-3.6, 3.6, 181)
    V = 4 * a * a * np.sinh(2 * x) ** 2 - 8 * a * np.cosh(2 * x)
    r = solve(x, V)
    q5 = solve(x, V, precision="mpmath", interpolation_error=False)
    q3 = solve(x, V, interpolant="cubic", precision="mpmath", interpolation_error=False)
    for q in ("E", "Delta0"):
        diff = abs(getattr(q5, q) - getattr(q3, q))
        assert diff > 1e-7 * q5.E
        assert abs(getattr(r, q + "_err_interp") - diff) <= 1e-3 * diff + 1e-10 * q5.E
    assert abs(r.E - 8 * a) <= r.E_err
    rr = solve(x, V, interpolation_error="resolve")
    assert abs(rr.E_err_interp - r.E_err_interp) <= 1e-3 * r.E_err_interp
    with pytest.raises(ValueError, match="interpolation_error must be"):
        solve(x, V, interpolation_error="twice")


@pytest.mark.parametrize("case", ["quartic", "noisy"])
def test_second_interpolant_from_the_converged_doublet_is_the_direct_solve(case):
    """The Newton iteration from the first interpolant's doublet (reusing its factorizations)
    gives the second interpolant's sinc-DVR answer on the same grid: against a fresh
    diagonalization of that grid, whatever Delta / Delta_0 (~1e2 and ~6e6 here)."""
    if case == "quartic":
        s, V = quartic_path(-7.0, 0.1, n=61)
        pot = dw.PathPotential(s, V, 0.5, "atomic")
    else:
        rng = np.random.default_rng(20240611)
        s = np.linspace(-3.0, 3.4, 41)
        V = (0.05 * (s**2 - 2.2) ** 2 + 0.002 * s + 0.002 * np.sin(3 * s)
             + 1e-4 * rng.standard_normal(41))
        pot = dw.PathPotential(s, V, 1.0, "eV-angstrom-amu")
    fine, _, _, grid = dw._solve_dvr_certified(pot.v, pot.wells, 1e-10)
    v2 = pot.alternative()
    E, D, D0 = dw._perturbed(fine, v2)
    v2._span = pot.v._span                  # the same box, hence the same grid
    ref = dw._dvr(v2, pot.wells, grid[0], grid[1], pmin=grid[2])
    assert ref.N == fine.N and np.array_equal(ref.ctx["y"], fine.ctx["y"])
    assert abs(E - ref.E) <= 1e-10 * ref.E and abs(D - ref.Delta) <= 1e-10 * ref.E
    assert abs(D0 - ref.Delta0) <= 1e-10 * ref.Delta0
    # and the difference is not a rounding artefact: the interpolants differ
    assert abs(D0 - fine.Delta0) > 1e-9 * fine.Delta0


def test_interpolation_estimate_on_a_noisy_strongly_asymmetric_path():
    """Noise of 1e-4 eV on a path with Delta ~ 6e6 Delta_0: the second interpolant also moves
    the barrier top (the cut of the localized states), which the perturbative estimate follows
    (without it Delta_0's estimate would be ~40 times too large here); against re-solving the
    second interpolant on its own grid."""
    rng = np.random.default_rng(20240611)
    s = np.linspace(-3.0, 3.4, 41)
    V = (0.05 * (s**2 - 2.2) ** 2 + 0.002 * s + 0.002 * np.sin(3 * s)
         + 1e-4 * rng.standard_normal(41))
    kw = dict(interpolant="cubic")
    p = dw.tls_from_path(s, V, 1.0, "eV-angstrom-amu", **kw)
    r = dw.tls_from_path(s, V, 1.0, "eV-angstrom-amu", interpolation_error="resolve", **kw)
    assert p.Delta / p.Delta0 > 1e6
    for q in ("E", "Delta", "Delta0"):
        a, b = getattr(p, q + "_err_interp"), getattr(r, q + "_err_interp")
        assert abs(a - b) <= 0.05 * b


# ---------------------------------------------------------------------------------------------
# convergence and the extended precision
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rtol", [1e-6, 1e-8, 1e-10])
def test_solver_meets_its_tolerance(rtol):
    s, V = quartic_path(-10.0, 0.0001, n=71)       # Delta ~ 70 Delta_0
    ref = solve(s, V, interpolation_error=False, precision="mpmath")
    r = solve(s, V, interpolation_error=False, rtol=rtol, precision="dvr")
    assert r.converged
    assert r.E_err_solver <= 2 * rtol * r.E
    assert abs(r.E - ref.E) <= max(rtol * ref.E, r.E_err_solver)
    assert abs(r.Delta0 - ref.Delta0) <= max(rtol * ref.Delta0, r.Delta0_err_solver)


@pytest.mark.parametrize("alpha,beta", [(-10.0, 0.05), (-12.0, 0.2)])
def test_strong_asymmetry_stays_on_the_dvr(alpha, beta):
    """Delta ~ 4e4 and ~2e7 Delta_0: Theta_12 ~ Delta_0 / 2E is ~1e-5 and ~3e-8, so Delta_0 to
    1e-10 needs Theta to ~1e-18 absolute: the doublet's subspace after the Jacobi-Davidson
    correction, Theta and the 2x2 problem in double-double.  The sinc-DVR certifies it; against
    soft_potential.tls_splitting (mpmath) and the extended-precision shooting of the same
    interpolant."""
    s, V = quartic_path(alpha, beta, n=71)
    d = solve(s, V, interpolation_error=False)
    m = solve(s, V, interpolation_error=False, precision="mpmath")
    E, D, D0 = spot.tls_splitting(alpha, beta)
    assert D / D0 > (1e4 if beta < 0.1 else 1e7)
    assert d.method == "dvr" and d.converged and m.method == "mpmath"
    assert d.Delta0_err_solver < 1e-12 * d.Delta0
    assert abs(d.Delta0 - D0) <= 1e-12 * D0
    assert abs(d.Delta0 - m.Delta0) <= d.Delta0_err_solver + m.Delta0_err_solver
    assert abs(d.E - E) <= 1e-12 * E and abs(d.Delta - D) <= 1e-12 * E


def test_dvr_and_mpmath_shooting_agree():
    """Two independent solvers of the same interpolant.  A smooth path: both certify 1e-11.  A
    noisy path with the interpolating quintic (its fifth derivative jumps by the noise / h^5 at
    every knot): the sinc-DVR converges only algebraically; its error estimate must cover the
    difference, and "auto" must end certified."""
    s, V = quartic_path(-7.0, 0.02, n=61)
    a = solve(s, V, precision="dvr", interpolation_error=False)
    b = solve(s, V, precision="mpmath", interpolation_error=False)
    assert a.converged and a.method == "dvr" and b.method == "mpmath"
    assert abs(a.E - b.E) <= 1e-11 * b.E
    assert abs(a.Delta0 - b.Delta0) <= 1e-11 * b.Delta0
    assert abs(a.Delta - b.Delta) <= 1e-11 * b.E

    rng = np.random.default_rng(20240611)
    s = np.linspace(-3.0, 3.4, 41)
    V = (0.05 * (s**2 - 2.2) ** 2 + 0.002 * s + 0.002 * np.sin(3 * s)
         + 1e-4 * rng.standard_normal(41))
    a = dw.tls_from_path(s, V, 1.0, "eV-angstrom-amu", precision="dvr", interpolation_error=False)
    b = dw.tls_from_path(s, V, 1.0, "eV-angstrom-amu", precision="mpmath",
                         interpolation_error=False)
    c = dw.tls_from_path(s, V, 1.0, "eV-angstrom-amu", interpolation_error=False)
    assert abs(a.E - b.E) <= a.E_err_solver
    assert abs(a.Delta0 - b.Delta0) <= a.Delta0_err_solver
    assert c.converged and abs(c.E - b.E) <= 1e-10 * b.E


def test_half_line_projector_closed_form():
    """Sum rule m(a, b) + m(-a, -b) = delta_ab and entries against quadrature."""
    N, k = 21, 10
    M = dw.half_line_projector(N, k)
    np.testing.assert_allclose(M + M[::-1, ::-1], np.eye(N), atol=1e-15)
    from scipy.integrate import quad

    L = 300
    for a, b in ((0, 0), (2, -3), (-1, 4), (5, 5)):
        f = lambda x: np.sinc(x - a) * np.sinc(x - b)
        ref = sum(quad(f, j, j + 1, epsabs=1e-15, epsrel=1e-13)[0] for j in range(L))
        # the tail beyond L: the mean of sin^2, 1/2, over pi^2 (x - a)(x - b); the rest ~ L^-3
        ref += (1 / (2 * math.pi**2 * (L - a)) if a == b
                else math.log((L - b) / (L - a)) / (2 * math.pi**2 * (a - b)) * (-1) ** (a + b))
        assert abs(M[k + a, k + b] - ref) < 1e-7


def test_half_line_projector_in_double_double():
    """The double-double entries (the Ozaki products use them) against 40-digit mpmath Si, Ci;
    the cached views agree with a direct evaluation."""
    N, k = 15, 6
    hi, lo = dw._half_line_projector_dd(N, k)
    mp.mp.dps = 40

    def cin(c):
        return mp.euler + mp.log(2 * mp.pi * c) - mp.ci(2 * mp.pi * c) if c else mp.mpf(0)

    for i in range(N):
        for j in range(N):
            a, b = i - k, j - k
            ref = (mp.mpf(1) / 2 + mp.si(2 * mp.pi * a) / mp.pi if a == b
                   else (-1) ** (a + b) * (cin(abs(b)) - cin(abs(a))) / (2 * mp.pi**2 * (a - b)))
            assert abs(mp.mpf(hi[i, j]) + mp.mpf(lo[i, j]) - ref) < 1e-30
    H, L, _ = dw._projector_dd(N, k)
    assert np.array_equal(H, hi) and np.array_equal(L, lo)


def test_error_free_products_against_mpmath():
    """M X and X^T Z by Ozaki's splitting (exact partial products with BLAS) against 40-digit
    mpmath, for vectors whose entries span 20 decades (as the tails of the doublet do)."""
    rng = np.random.default_rng(3)
    N = 40
    X = rng.standard_normal((N, 2)) * np.exp(rng.uniform(-46, 0, (N, 1)))
    Mhi, Mlo, prep = dw._projector_dd(N, 17)
    zhi, zlo = dw._mv_ozaki(prep, X)
    qhi, qlo = dw._xty_dd(X, zhi, zlo)
    mp.mp.dps = 40
    Xm = [[mp.mpf(X[i, c]) for c in range(2)] for i in range(N)]
    Mm = [[mp.mpf(Mhi[i, j]) + mp.mpf(Mlo[i, j]) for j in range(N)] for i in range(N)]
    Z = [[mp.fsum(Mm[i][j] * Xm[j][c] for j in range(N)) for c in range(2)] for i in range(N)]
    for i in range(N):
        for c in range(2):
            assert abs(mp.mpf(zhi[i, c]) + mp.mpf(zlo[i, c]) - Z[i][c]) <= 1e-31
    for a in range(2):
        for b in range(2):
            ref = mp.fsum(Xm[i][a] * Z[i][b] for i in range(N))
            assert abs(mp.mpf(qhi[a, b]) + mp.mpf(qlo[a, b]) - ref) <= 1e-31


def test_tls_of_the_2x2_problem_against_mpmath():
    """E, Delta, Delta_0 from the invariant form (2|h|, 2 h.t/|t|, 2|h x t|/|t|) against the
    definition: the eigenbasis of the pencil (A, G) in 40-digit mpmath, Theta in it, then
    E (Th_22 - Th_11)/D and 2 E |Th_12|/D; for a doublet with Delta_0 ~ 1e-13 E."""
    mp.mp.dps = 40
    rng = np.random.default_rng(5)
    G = np.eye(2) + 1e-15 * np.array([[0.3, -0.2], [-0.2, 0.7]])
    c, s = math.cos(1e-13), math.sin(1e-13)
    U = np.array([[c, -s], [s, c]])
    A = U @ np.diag([-0.1, 0.4]) @ U.T
    Th = np.diag([1e-6, 1 - 1e-6]) + rng.standard_normal((2, 2)) * 1e-17
    Th = 0.5 * (Th + Th.T)
    e1, e2, E, D, D0, w = dw._tls_2x2(A, G, Th)
    Am, Gm, Tm = (mp.matrix(M.tolist()) for M in (A, G, Th))
    L = mp.cholesky(Gm)
    Li = L**-1
    B = Li * Am * Li.T
    ev, Q = mp.eigsy(B)
    V = Li.T * Q                                       # G-orthonormal eigenvectors
    T2 = V.T * Tm * V
    Em = ev[1] - ev[0]
    Dm = mp.sqrt((T2[1, 1] - T2[0, 0]) ** 2 + 4 * T2[0, 1] ** 2)
    assert abs(E - Em) <= 1e-15 * Em
    assert abs(D - Em * (T2[1, 1] - T2[0, 0]) / Dm) <= 1e-15 * Em
    D0m = 2 * Em * abs(T2[0, 1]) / Dm
    assert abs(D0 - D0m) <= 1e-12 * D0m
    assert abs(w - (T2[0, 0] + T2[1, 1])) <= 1e-15


def test_large_grids_take_the_uncached_and_elementwise_paths(monkeypatch):
    """Grids beyond the cached matrices (1024) and beyond Ozaki's exact-sum bound (4096) use
    a matrix built per call and the elementwise double-double products: forced here on small
    grids, the same answers."""
    s, V = quartic_path(-10.0, 0.1, n=61)
    a = solve(s, V)
    monkeypatch.setattr(dw, "_CACHE_MAX", 16)
    b = solve(s, V)
    monkeypatch.setattr(dw, "_OZAKI_MAX", 16)
    c = solve(s, V)
    for r in (b, c):
        assert r.method == "dvr" and r.converged
        for q in ("E", "Delta", "Delta0"):
            assert abs(getattr(r, q) - getattr(a, q)) <= 1e-13 * abs(getattr(a, q))
        assert abs(r.Delta0_err_interp - a.Delta0_err_interp) <= 1e-6 * a.Delta0_err_interp


def test_ritz_matrix_in_double_double():
    """X^T (T + diag u - sigma) X against 40-digit mpmath for a random X."""
    rng = np.random.default_rng(7)
    N = 14
    X = rng.standard_normal((N, 2))
    u = rng.uniform(0, 30, N)
    sig = 3.3
    A, _, _ = dw._ritz_dd(X, u, sig)
    mp.mp.dps = 40
    T = [[mp.pi**2 / 3 if i == j else mp.mpf(2 * (-1) ** (i - j)) / (i - j) ** 2 for j in range(N)]
         for i in range(N)]
    for k in range(2):
        for l in range(2):
            ref = mp.fsum(mp.mpf(X[i, k]) * (T[i][j] + (mp.mpf(u[i]) - mp.mpf(sig)) * (i == j))
                          * mp.mpf(X[j, l]) for i in range(N) for j in range(N))
            assert abs(A[k, l] - float(ref)) <= 1e-15 * abs(float(ref)) + 1e-28


# ---------------------------------------------------------------------------------------------
# WKB
# ---------------------------------------------------------------------------------------------
def test_wkb_estimates_on_the_symmetric_quartic():
    import glassderive

    kern = glassderive.get("wkb-tunneling").kernel("tunnel_splitting")
    ratios = []
    for alpha in (-8.0, -12.0, -16.0):
        s, V = quartic_path(alpha)
        r = solve(s, V, interpolation_error=False)
        # Parshin-Schober-Gurevich (4.2)-(4.4): W = 1 and S_b of (4.3) for V = y^4 + alpha y^2
        assert abs(r.wkb.W - 1.0) < 1e-12
        assert abs(r.wkb.action_bottom - spot.wkb_exponent_bottom(alpha)) < 1e-9
        assert abs(r.wkb.psg / float(kern(2 * abs(alpha), 0.5, 1.0, 1.0)) - 1) < 1e-8
        # the action at the mean of the doublet, against soft_potential.wkb_action
        e = 0.5 * sum(r.levels)
        assert abs(r.wkb.action - spot.wkb_action(alpha, e)) < 1e-9
        ratios.append(r.Delta0 / r.wkb.landau)
    # exact / Landau tends to sqrt(pi/e) from below (Garg 2000)
    assert ratios[0] < ratios[1] < ratios[2] < math.sqrt(math.pi / math.e)
    assert abs(ratios[2] / math.sqrt(math.pi / math.e) - 1) < 0.015


# ---------------------------------------------------------------------------------------------
# interpolants, units, symmetry
# ---------------------------------------------------------------------------------------------
def neb_path(noise=0.0, seed=11):
    """NEB-like: 21 images from minimum to minimum of 0.03 sin^2(pi s / 2) eV, the right one
    raised by 50 ueV (smoothstep, no slope at the ends), in Å, mass 4 amu: hbar omega =
    12.4 meV, barrier 30 meV, Delta_0 ~ 4 ueV."""
    s = np.linspace(0.0, 2.0, 21)
    t = s / 2
    V = 0.03 * np.sin(np.pi * s / 2) ** 2 + 5e-5 * (3 * t**2 - 2 * t**3)
    return s, V + noise * np.random.default_rng(seed).standard_normal(s.size)


def test_noisy_path_with_the_smoothing_spline():
    """With 0.02 meV noise, the smoothing spline's result is within its error estimate of the
    noise-free answer (the estimate from two smoothing parameters is a sensitivity, not a bound:
    a factor 3 is allowed)."""
    s, clean = neb_path()
    ref = dw.tls_from_path(s, clean, 4.0, "eV-angstrom-amu", rtol=1e-8)
    s, noisy = neb_path(2e-5)
    r = dw.tls_from_path(s, noisy, 4.0, "eV-angstrom-amu", interpolant="smoothing", rtol=1e-8)
    assert r.E_err_interp > 0 and 0.9 < r.well_weight < 1.1
    assert abs(r.E - ref.E) <= 3 * r.E_err
    assert abs(r.Delta0 - ref.Delta0) <= 3 * r.Delta0_err


@pytest.mark.parametrize("interpolant", ["quintic", "cubic", "smoothing"])
def test_error_estimate_bounds_the_actual_error_on_noisy_paths(interpolant):
    """21 noisy images (0.02 meV, 1e-3 of the barrier; four noise realisations): the total
    error estimate (solver + interpolation + three standard deviations of the propagated
    noise) covers the actual error against the noise-free path sampled at 161 points with the
    exact walls, for E, Delta_0 and Delta, whatever the interpolant."""
    d, Vb, delta = 2.0, 0.03, 5e-5
    k_end = 2 * Vb * (np.pi / d) ** 2 + 6 * delta / d**2
    wc = (k_end, k_end - 12 * delta / d**2)
    s_ref = np.linspace(0.0, d, 161)
    t = s_ref / d
    ref = dw.tls_from_path(s_ref, 0.03 * np.sin(np.pi * s_ref / 2) ** 2
                           + 5e-5 * (3 * t**2 - 2 * t**3), 4.0, "eV-angstrom-amu", rtol=1e-8,
                           wall_curvature=wc)
    for seed in (11, 12, 13, 14):
        s, V = neb_path(2e-5, seed)
        r = dw.tls_from_path(s, V, 4.0, "eV-angstrom-amu", interpolant=interpolant, rtol=1e-6,
                             wall_curvature=wc)
        assert r.E_err_noise > 0 and r.E_err_interp > 0
        for q in ("E", "Delta0", "Delta"):
            assert abs(getattr(r, q) - getattr(ref, q)) <= getattr(r, q + "_err")


def test_noise_response_against_finite_differences():
    """The first-order response of E, Delta, Delta_0 to one sample (through the interpolant,
    the doublet and the barrier top) against a finite difference of two full solves."""
    s, V = neb_path()
    kw = dict(interpolant="cubic", rtol=1e-8, interpolation_error=False, precision="dvr")
    pot = dw.PathPotential(s, V, 4.0, "eV-angstrom-amu", "cubic")
    fine = dw._solve_reduced(pot, 1e-8, "dvr")["fine"]
    B = pot.sample_response(fine.ctx["y"])
    yb = pot.wells["yb"]
    Bb = pot.sample_response(np.array([yb + 1e-4, yb - 1e-4]))
    J = dw._linear_response(fine, B, (Bb[0] - Bb[1]) / 2e-4, pot.v.scalar(yb, 2))
    J *= pot.energy / pot._vrange                       # per eV of a sample
    base = dw.tls_from_path(s, V, 4.0, "eV-angstrom-amu", **kw)
    for i in (3, 10, 15):
        Vp = V.copy()
        Vp[i] += 1e-7
        r = dw.tls_from_path(s, Vp, 4.0, "eV-angstrom-amu", **kw)
        for k, q in enumerate(("E", "Delta", "Delta0")):
            fd = (getattr(r, q) - getattr(base, q)) / 1e-7
            scale = abs(J[0, i]) if q != "Delta0" else abs(J[2, i])
            assert abs(fd - J[k, i]) <= 0.05 * scale + 1e-3 * abs(J[0]).max() * (q != "Delta0")


def test_units_agree():
    from scipy import constants as c

    y, v = quartic_path(-6.0, 0.02, n=51)
    # Å, with hbar^2 / (2 m ell^2) = 10 meV for m = 1 amu
    ell = math.sqrt(c.hbar**2 / (2 * c.atomic_mass * 0.01 * c.eV)) * 1e10
    s, V = y * ell, 0.01 * v                                                # Å and eV, 1 amu
    a = dw.tls_from_path(s, V, 1.0, "eV-angstrom-amu", interpolation_error=False)
    b = dw.tls_from_path(s * 1e-10, V * c.eV, c.atomic_mass, "SI", interpolation_error=False)
    r = solve(y, v, interpolation_error=False)                              # the same, reduced
    assert abs(a.E - 0.01 * r.E) <= 1e-9 * a.E
    for q in ("E", "Delta", "Delta0"):
        assert abs(getattr(a, q) * c.eV - getattr(b, q)) <= 1e-9 * a.E * c.eV
    assert abs(a.hbar_omega[0] * c.eV - b.hbar_omega[0]) <= 1e-12 * b.hbar_omega[0]


@settings(max_examples=6, deadline=None)
@given(alpha=st.floats(-9.0, -5.0), beta=st.floats(-0.2, 0.2))
@example(alpha=-5.625, beta=0.0)     # the barrier top exactly at a knot: v' ~ +-1e-17 there
def test_mirror_and_offset_invariance(alpha, beta):
    """s -> -s swaps the wells (Delta changes sign, E and Delta_0 stay); V -> V + c changes
    nothing but the levels; a decreasing s is the same path."""
    s, V = quartic_path(alpha, beta, n=51)
    a = solve(s, V, interpolation_error=False)
    b = solve(-s[::-1], V[::-1] + 3.0, interpolation_error=False)
    c = solve(s[::-1], V[::-1], interpolation_error=False)
    assert abs(a.E - b.E) <= 1e-9 * a.E
    assert abs(a.Delta0 - b.Delta0) <= 1e-9 * a.Delta0 + a.Delta0_err_solver
    assert abs(a.Delta + b.Delta) <= 1e-9 * a.E + a.Delta_err_solver + b.Delta_err_solver
    assert abs(b.levels[0] - a.levels[0] - 3.0) <= 1e-9
    assert abs(a.E - c.E) <= 1e-12 * a.E


def test_doublet_in_one_well_warns():
    s, V = quartic_path(-8.0, 1.0, n=71)
    with pytest.warns(RuntimeWarning, match="same well"):
        r = solve(s, V, interpolation_error=False)
    assert r.well_weight < 0.5


# ---------------------------------------------------------------------------------------------
# batch
# ---------------------------------------------------------------------------------------------
def test_batch_list_padded_and_executor():
    paths = [quartic_path(a, b, n=n) for a, b, n in ((-6.0, 0.0, 41), (-8.0, 0.1, 51),
                                                      (-5.0, -0.2, 45))]
    one = [solve(s, V, interpolation_error=False) for s, V in paths]
    lst = dw.tls_from_paths(paths, 0.5, "atomic", interpolation_error=False)
    pad = np.zeros((3, 51, 2))
    for i, (s, V) in enumerate(paths):
        pad[i, :s.size] = np.stack([s, V], 1)
    padded = dw.tls_from_paths(pad, [0.5, 0.5, 0.5], "atomic", lengths=[41, 51, 45],
                               interpolation_error=False, progress="log")
    with ThreadPoolExecutor(2) as ex:
        par = dw.tls_from_paths([np.stack(p, 1) for p in paths], 0.5, "atomic", executor=ex,
                                chunk=2, interpolation_error=False)
    for group in (lst, padded, par):
        assert [r.E for r in group] == [r.E for r in one]


def test_batch_error_names_the_path():
    good = quartic_path(-6.0)
    bad = (good[0], np.where(np.arange(good[0].size) == 3, np.nan, good[1]))
    with pytest.raises(ValueError, match="path 1: .*'V' must be finite"):
        dw.tls_from_paths([good, bad], 0.5, "atomic")
    with ThreadPoolExecutor(1) as ex, pytest.raises(ValueError, match="path 1"):
        dw.tls_from_paths([good, bad], 0.5, "atomic", executor=ex)


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------
S0, V0 = quartic_path(-6.0, n=21)


@pytest.mark.parametrize("s,V,kw,match", [
    (np.r_[S0[:5], S0[4], S0[6:]], V0, {}, "strictly monotonic"),
    (np.r_[S0[:5], S0[7], S0[6], S0[5], S0[8:]], V0, {}, "strictly monotonic"),
    (S0, np.where(np.arange(21) == 4, np.nan, V0), {}, "'V' must be finite"),
    (np.where(np.arange(21) == 2, np.inf, S0), V0, {}, "'s' must be finite"),
    (S0[:6], V0[:6], {}, "at least 7 samples"),
    (S0, V0[:-1], {}, "same length"),
    (S0, S0**2, {}, "no barrier between two minima"),
    (S0, S0 ** 3 + 50 * S0, {}, "not confining|no barrier"),
    (S0, np.ones(21), {}, "constant"),
    (S0, -(S0**2), {}, "not confining"),
    (S0, V0, {"mass": -1.0}, "'mass' must be > 0"),
    (S0, V0, {"units": "furlongs"}, "units must be one of"),
    (S0, V0, {"interpolant": "linear"}, "interpolant must be one of"),
    (S0, V0, {"rtol": 1e-20}, "'rtol' must lie in"),
    (S0, V0, {"precision": "quad"}, "precision must be"),
    (S0, V0, {"wall_curvature": (-1.0, None)}, "wall_curvature"),
])
def test_bad_input(s, V, kw, match):
    mass = kw.pop("mass", 0.5)
    kw.setdefault("units", "atomic")
    with pytest.raises(ValueError, match=match):
        dw.tls_from_path(s, V, mass, **kw)


def test_single_well_has_levels_but_no_tls():
    s = np.linspace(-3, 3, 21)
    with pytest.raises(ValueError, match="single well"):
        dw.tls_from_path(s, s**4 + s**2, 0.5, "atomic")
    lv, _ = dw.path_levels(s, s**4 + s**2, 0.5, n=2, units="atomic")
    ref = spot.levels(1.0, 0.0, 2)
    assert np.all(np.abs(lv - ref) < 1e-4)      # the quartic is exact only inside [-3, 3]


# ---------------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------------
def test_cli(tmp_path, capsys):
    from glassderive.cli import main

    s, V = quartic_path(-8.0, 0.05, n=61)
    f = tmp_path / "path.csv"
    f.write_text("# a synthetic path\ns_A,V_eV\n" + "".join(f"{a},{b}\n" for a, b in zip(s, V)))
    assert main(["tls-from-path", str(f), "--mass", "0.5", "--units", "atomic"]) == 0
    out = capsys.readouterr().out
    for word in ("E      =", "Delta0 =", "Delta  =", "Landau", "Garg", "PSG", "certified"):
        assert word in out
    assert main(["tls-from-path", str(f), "--mass", "0.5", "--units", "atomic", "--json",
                 "--no-interpolation-error"]) == 0
    rec = json.loads(capsys.readouterr().out)
    ref = solve(s, V, interpolation_error=False)
    assert rec["E"] == ref.E and rec["samples"] == 61 and rec["method"] == "dvr"
    assert main(["tls-from-path", str(tmp_path / "missing.csv"), "--mass", "1"]) == 2
    g = tmp_path / "single.csv"
    g.write_text("".join(f"{a} {a * a}\n" for a in np.linspace(-1, 1, 11)))
    assert main(["tls-from-path", str(g), "--mass", "1"]) == 2
    assert "single well" in capsys.readouterr().err


# --- found by an adversarial review ------------------------------------------------------------
def _sinc_dvr_doublet(f, lo, hi, h):
    """E = eps_2 - eps_1 of -psi'' + f(y) psi (atomic units, mass 1/2) on the exact function by
    a sinc-DVR of spacing h (Colbert-Miller kinetic matrix), written here independently."""
    y = np.arange(lo, hi + h / 2, h)
    i = np.arange(y.size)
    d = i[:, None] - i[None, :]
    with np.errstate(divide="ignore"):
        T = np.where(d == 0, np.pi**2 / 3, 2.0 * (-1.0) ** d / np.where(d == 0, 1, d) ** 2)
    ev = np.linalg.eigvalsh(T / h**2 + np.diag(f(y)))
    return ev[1] - ev[0]


@pytest.mark.parametrize("n", [41, 81])
def test_smoothing_estimate_covers_clean_non_polynomial_paths(n):
    """On clean samples GCV makes the smoothing spline the interpolating cubic: the estimate
    must still cover the cubic's own fitting error (it compared against the cubic: 49x short)."""
    f = lambda s: 100 * (s * s - 1) ** 2 * np.exp(0.15 * s) + 0.3 * np.tanh(2 * s)
    ref = _sinc_dvr_doublet(f, -2.6, 2.6, 0.01)
    assert ref == pytest.approx(_sinc_dvr_doublet(f, -2.6, 2.6, 0.007), rel=1e-10)
    s = np.linspace(-2, 2, n)
    r = dw.tls_from_path(s, f(s), 0.5, units="atomic", interpolant="smoothing", rtol=1e-8)
    assert abs(r.E - ref) <= r.E_err


@pytest.mark.parametrize("alpha,beta,lo,hi,n", [(-10, 4, -8, 5, 66), (-16, 2, -8, 8, 81)])
def test_two_states_of_one_well_are_not_certified(alpha, beta, lo, hi, n):
    """Both lowest states in the deeper well: the localized split rests on tails of relative
    size ~1e-30 that the shooting's digits do not resolve; it returned Delta with the wrong
    sign and Delta_0 100x off with errors of 1e-13.  Now E stays exact (against tls_splitting)
    and Delta, Delta_0 carry errors of at least E; "auto" keeps the DVR."""
    y = np.linspace(lo, hi, n)
    V = y**4 + beta * y**3 + alpha * y**2
    E_ref, D_ref, D0_ref = (float(x) for x in spot.tls_splitting(alpha, beta))
    for precision in ("mpmath", "auto"):
        with pytest.warns(RuntimeWarning, match="same well"):
            r = dw.tls_from_path(y, V, 0.5, units="atomic", precision=precision,
                                 interpolation_error=False)
        assert r.well_weight < 1e-10
        assert abs(r.E - E_ref) <= r.E_err + 1e-9 * E_ref
        if precision == "mpmath":
            assert not r.converged and r.Delta_err >= r.E and r.Delta0_err >= r.E
        else:   # the DVR, whose errors cover the reference
            assert r.method == "dvr"
            assert abs(r.Delta - D_ref) <= r.Delta_err
            assert abs(r.Delta0 - D0_ref) <= r.Delta0_err


@pytest.mark.parametrize("change,match", [
    (dict(V=1e300), "energy range"), (dict(V=1e-300), "energy range"),
    (dict(s=1e300), "energy range"), (dict(mass=1e300), "energy range"),
    (dict(mass=1e-300), "energy range"),
    (dict(wall_curvature=(1e-300, 1e-300)), "wall_curvature"),
    (dict(wall_curvature=(1e300, 1e300)), "wall_curvature"),
    (dict(wall_curvature=5), "wall_curvature"), (dict(mass=[0.5, 0.5]), "mass"),
])
def test_absurd_scales_are_value_errors(change, match):
    """They raised IndexError, ArithmeticError or TypeError, or (huge wall curvature) returned
    Delta_0 = 1e264."""
    y = np.linspace(-5, 5, 41)
    kw = dict(s=y, V=y**4 - 8 * y**2, mass=0.5, wall_curvature=(None, None))
    for key, val in change.items():
        kw[key] = kw[key] * val if key in ("s", "V") or (key == "mass" and
                                                          not isinstance(val, list)) else val
    with pytest.raises(ValueError, match=match):
        dw.tls_from_path(kw["s"], kw["V"], kw["mass"], "atomic",
                         wall_curvature=kw["wall_curvature"])


def test_underflowing_splitting_is_an_error_not_zero():
    """Delta_0 ~ 1e-460 of the level spacing used to come back as 0.0."""
    y = np.linspace(-5, 5, 41)
    with pytest.raises(ValueError, match="underflows"):
        dw.tls_from_path(y, (y**4 - 8 * y**2) * 1e4, 0.5, "atomic")


@pytest.mark.parametrize("lengths", [[41, 30.9], [41, float("nan")], ["41", "30"]])
def test_padded_lengths_must_be_whole_numbers(lengths):
    y = np.linspace(-5, 5, 41)
    pad = np.stack([np.stack([y, y**4 - 8 * y**2], axis=1)] * 2)
    with pytest.raises(ValueError, match="lengths"):
        dw.tls_from_paths(pad, 0.5, "atomic", lengths=lengths)
