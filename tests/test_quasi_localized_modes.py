"""Quasi-localized modes (derivations/quasi_localized_modes.py): Kumar, Procaccia, Singh,
arXiv:2102.12368 (2021), Eqs. (2), (10)-(12), the quoted counts, and the barrier of a higher
minimum.

It verifies; every step fails when its claim is corrupted (scaled by 8/7, and by the typos that
matter: a lost factor 2 or root, the other root, a sign, the printed participation ratio taken
at its word); and its numbers agree with mpmath computations at 30+ digits that share nothing
with the derivation: the smoothness conditions of (10) solved by mpmath's linear algebra and
its numerical derivatives, the printed constants put back into phi, the Hessian of two
particles by numerical differentiation and mpmath's symmetric eigensolver, the coefficients
(12) as numerical derivatives of U(q0 + s Psi) with all four coordinates, explicit mode vectors
of N = 4000 particles, and the barrier from the roots of V'(u) found by findroot.
"""

import pathlib

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

import glassderive

ROOT = pathlib.Path(__file__).resolve().parent.parent
FILE = ROOT / "derivations" / "quasi_localized_modes.py"
NAME = "quasi-localized-modes"
DPS = 40
STEPS = [
    "cutoff-constants", "cutoff-smoothness", "printed-C0", "printed-C2", "printed-C4",
    "mean-interaction-length", "mean-interaction-length-printed", "pair-hessian-block",
    "mode-orthonormality", "two-particle-modes", "normal-mode-frequency",
    "directional-derivatives", "stretch-mode-coefficients", "beta-normalisation",
    "printed-participation-ratio", "participation-ratio-test-modes",
    "participation-ratio-exponential", "participation-ratio-plane-wave",
    "modes-per-realisation", "modes-in-all", "qlm-count", "number-density",
    "barrier-top", "barrier-height", "barrier-small-b2", "deeper-minimum-small-b2"]

x_c = sp.Symbol("x_c", positive=True)
a_, c_ = sp.symbols("a c", real=True)
t_ = sp.Symbol("t", real=True)
N_, m_, q_ = sp.symbols("N m q", positive=True)
b2, b3, b4 = sp.symbols("b_2 b_3 b_4", real=True)
R_sig, sig_min = sp.symbols("R_sigma sigma_min", positive=True)


@pytest.fixture(scope="module")
def d():
    if NAME not in glassderive.list_derivations():   # before the module is registered
        glassderive.load(FILE)
    return glassderive.get(NAME)


def close(x, y, digits=30):
    return abs(mp.mpf(x) - mp.mpf(y)) <= mp.mpf(10) ** (-digits) * max(abs(mp.mpf(y)), 1)


# --- independent mpmath model --------------------------------------------------------------------
PRINTED = (mp.mpf("-1.92415"), mp.mpf("2.11106"), mp.mpf("-0.591097"))


def smoothing_constants(xc):
    """Solve phi(xc) = phi'(xc) = phi''(xc) = 0 for (C0, C2, C4) with mpmath's LU solver; the
    derivatives of x^-12, x^2, x^4 by mpmath's numerical differentiation."""
    basis = [lambda x: mp.mpf(1), lambda x: x**2, lambda x: x**4]
    M = mp.matrix(3, 3)
    v = mp.matrix(3, 1)
    for n in range(3):
        for k, f in enumerate(basis):
            M[n, k] = mp.diff(f, xc, n)
        v[n] = -mp.diff(lambda x: x ** -12, xc, n)
    return mp.lu_solve(M, v)


def phi(x, consts=None):
    """Eq. (10), epsilon = sigma = 1, cutoff 5/4."""
    C0, C2, C4 = consts if consts is not None else smoothing_constants(mp.mpf(5) / 4)
    return x ** -12 + C0 + C2 * x**2 + C4 * x**4


def pair_energy(coords):
    """U(x1, y1, x2, y2) = phi(|r1 - r2|) of two particles in 2D."""
    x1, y1, x2, y2 = coords
    return phi(mp.sqrt((x1 - x2) ** 2 + (y1 - y2) ** 2))


def numerical_hessian(f, q0):
    n = len(q0)
    H = mp.matrix(n, n)
    for i in range(n):
        for j in range(n):
            order = [0] * n
            order[i] += 1
            order[j] += 1
            H[i, j] = mp.diff(lambda *z: f(z), q0, tuple(order))
    return H


def quartic(B2, B3, B4):
    return lambda u: B2 * u**2 / 2 + B3 * u**3 / 6 + B4 * u**4 / 24


# --- the derivation ------------------------------------------------------------------------------
def test_step_names(d):
    """The steps, in order (verification and the corruption of every step: test_derivations)."""
    assert [s.name for s in d.steps] == STEPS


def _swap_cos_arg(e):
    # omega = lambda instead of omega = sqrt(lambda): cos(sqrt(2 a) t) -> cos(2 a t)
    return e.replace(sp.cos, lambda arg: sp.cos(sp.expand(arg**2 / t_)))


@pytest.mark.parametrize("step,transform", [
    # (10): C2 with x_c^-12 instead of x_c^-14
    ("cutoff-constants", lambda e: e.xreplace({x_c ** -14: x_c ** -12})),
    # (10): "enough smooth derivatives": phi''' continuous too
    ("cutoff-smoothness", lambda e: sp.zeros(*e.shape)),
    # (10): two digits of the printed C0 swapped
    ("printed-C0", lambda e: sp.Float("-1.92451")),
    # the mean of a uniform P(sigma) instead of P ~ sigma^-3
    ("mean-interaction-length", lambda e: (1 + R_sig) * sig_min / 2),
    # "the unit of length is sigma_min": <sigma> = 2 R/(1 + R) with sigma_min = 1
    ("mean-interaction-length-printed", lambda e: sp.Rational(2 * 2219, 3219)),
    # (2): the stretch eigenvalue phi'' (factor 2 lost), and the stretch/transverse swapped
    ("two-particle-modes", lambda e: e.subs(a_, a_ / 2)),
    ("two-particle-modes", lambda e: e.subs({a_: c_, c_: a_}, simultaneous=True)),
    # (2): omega = lambda instead of omega^2 = lambda
    ("normal-mode-frequency", _swap_cos_arg),
    # (12): b3 of the stretch mode without its 2^(3/2)
    ("stretch-mode-coefficients", lambda e: sp.Matrix([e[0], e[1] / (2 * sp.sqrt(2)), e[2]])),
    # beta even in Psi
    ("beta-normalisation", lambda e: sp.Matrix([e[0], -e[1]])),
    # (11) as printed "works": the values a participation ratio should have
    ("printed-participation-ratio", lambda e: sp.Matrix([1, 1 / N_, m_ / N_, 1 / N_])),
    # (11) as what it must be, claimed to give the printed 1/N
    ("participation-ratio-test-modes", lambda e: sp.Matrix([1 / N_, 1 / N_, 1 / N_])),
    # the exponential mode without the finite-N factor (exact only as N -> oo)
    ("participation-ratio-exponential",
     lambda e: (1 + q_**2) / (N_ * (1 - q_**2)) * (1 + q_ ** (2 * N_) / 10**6)),
    # the quoted total as 4.8e9
    ("modes-in-all", lambda e: e * 10),
    # the second minimum claimed as the barrier top (the other root)
    ("barrier-top", lambda e: e.replace(sp.sign, lambda x: -sp.sign(x))),
    # |b3| -> b3: wrong for b3 < 0 only (both signs are sampled)
    ("barrier-height", lambda e: e.replace(sp.Abs, lambda x: x)),
    # small-b2 law: b2^2 instead of b2^3, 1/2 instead of 2/3
    ("barrier-small-b2", lambda e: e / b2),
    ("barrier-small-b2", lambda e: e * sp.Rational(3, 4)),
    # the deeper minimum at -27/8 b3^4/b4^3
    ("deeper-minimum-small-b2", lambda e: 3 * e),
])
def test_typo_corruptions_are_caught(d, step, transform):
    before = d.step(step)
    after = d.corrupt(step, transform).step(step)
    assert any(getattr(before, f) != getattr(after, f) for f in before.claim_fields)
    assert after.check().status == "fail", after.check().line()


# --- Eq. (10) ------------------------------------------------------------------------------------
def test_smoothing_constants_and_printed_values(d):
    with mp.workdps(DPS):
        xc = mp.mpf(5) / 4
        C = smoothing_constants(xc)
        exact = (-28 * xc ** -12, 48 * xc ** -14, -21 * xc ** -16)
        for k, name in enumerate(("C0", "C2", "C4")):
            assert close(C[k], exact[k], 25)
            assert close(d.reference(f"smoothing_constant_{name}", dps=DPS)(xc), C[k], 25)
            # the printed constants are these, rounded to six digits
            assert mp.nstr(C[k], 6) == mp.nstr(PRINTED[k], 6)
        # at another cutoff too
        x2 = mp.mpf("1.37")
        assert close(d.reference("smoothing_constant_C2", dps=DPS)(x2), smoothing_constants(x2)[1],
                     25)


def test_printed_constants_fix_the_cutoff():
    """The printed constants alone: phi'' has its (simple) root at x = 1.25 to the printed
    digits, and phi, phi' vanish there too (phi' has a double root at the cutoff): one cutoff
    r_c = 1.25 sigma_ij."""
    with mp.workdps(DPS):
        f = lambda x: phi(x, PRINTED)                                     # noqa: E731
        root = mp.findroot(lambda x: mp.diff(f, x, 2), mp.mpf("1.2"))
        assert abs(root - mp.mpf("1.25")) < mp.mpf("1e-5")
        for n in (0, 1):
            assert abs(mp.diff(f, root, n)) < mp.mpf("1e-5")
        assert abs(mp.diff(f, root, 3)) > 90               # phi''' does not vanish


def test_third_derivative_jump(d):
    with mp.workdps(DPS):
        xc = mp.mpf(5) / 4
        jump = mp.diff(phi, xc, 3)                       # phi = 0 beyond x_c
        assert close(d.reference("third_derivative_jump", dps=DPS)(xc), jump, 20)
        assert close(jump, -2688 * (mp.mpf(4) / 5) ** 15, 20)
        for n in range(3):
            assert abs(mp.diff(phi, xc, n)) < mp.mpf(10) ** -25


def test_mean_interaction_length():
    with mp.workdps(DPS):
        smax = mp.mpf("1.45") / mp.mpf("0.9")
        smin = smax / mp.mpf("2.219")
        mean = mp.quad(lambda s: s ** -2, [smin, smax]) / mp.quad(lambda s: s ** -3, [smin, smax])
        assert close(mean, mp.mpf(1000) / 999)
        assert close(smin, mp.mpf(29000) / 39942)        # 0.7261, not 1: the unit is <sigma>
        assert abs(mean - 1) < mp.mpf("0.0011")


# --- Eq. (2) -------------------------------------------------------------------------------------
def test_two_particle_hessian_by_numerical_differentiation():
    """The 4x4 Hessian of phi(|r1 - r2|), differentiated numerically, diagonalised by mpmath:
    eigenvalues 2 phi'', 2 phi'/r, 0, 0; the stretch eigenvector along (n, -n)."""
    with mp.workdps(30):
        q0 = [mp.mpf("0.1"), mp.mpf("-0.2"), mp.mpf("1.05"), mp.mpf("0.13")]
        r = mp.sqrt((q0[0] - q0[2]) ** 2 + (q0[1] - q0[3]) ** 2)
        H = numerical_hessian(pair_energy, q0)
        ev, E = mp.eigsy(H)
        ev = sorted(ev, key=lambda x: float(x))
        expected = sorted([2 * mp.diff(phi, r, 2), 2 * mp.diff(phi, r) / r, 0, 0],
                          key=lambda x: float(x))
        for got, want in zip(ev, expected):
            assert abs(got - want) < mp.mpf(10) ** -15 * max(abs(want), 1)
        # omega^2 = lambda: a unit-mass oscillation along the stretch mode, q'' = -H q
        n = [(q0[0] - q0[2]) / r, (q0[1] - q0[3]) / r]
        psi = mp.matrix([n[0], n[1], -n[0], -n[1]]) / mp.sqrt(2)
        lam = (psi.T * H * psi)[0]
        assert abs(lam - 2 * mp.diff(phi, r, 2)) < mp.mpf(10) ** -15 * lam
        w, t = mp.sqrt(lam), mp.mpf("0.7")
        acc = [mp.diff(lambda tt: psi[i] * mp.cos(w * tt), t, 2) for i in range(4)]
        force = H * (psi * mp.cos(w * t))
        assert all(abs(acc[i] + force[i]) < mp.mpf(10) ** -14 for i in range(4))


# --- Eq. (12) ------------------------------------------------------------------------------------
def test_expansion_coefficients_as_derivatives_along_the_mode(d):
    """b_n = d^n U(q0 + s Psi)/ds^n of the full potential (10) with all four coordinates of
    the pair, numerically: along the stretch mode 2^(n/2) phi^(n)(r); along any Psi, the
    derivation's contraction for a term x^-k in the separation with Psi_1 - Psi_2, summed over
    the terms of (10) (k = 12, -2, -4 with C_2, C_4)."""
    with mp.workdps(30):
        C0, C2, C4 = smoothing_constants(mp.mpf(5) / 4)
        q0 = [mp.mpf("0.1"), mp.mpf("-0.2"), mp.mpf("1.05"), mp.mpf("0.13")]
        r = mp.sqrt((q0[0] - q0[2]) ** 2 + (q0[1] - q0[3]) ** 2)
        n = [(q0[0] - q0[2]) / r, (q0[1] - q0[3]) / r]
        stretch = [n[0], n[1], -n[0], -n[1]]
        stretch = [c / mp.sqrt(2) for c in stretch]
        psi = [mp.mpf("0.3"), mp.mpf("-0.5"), mp.mpf("-0.4"), mp.mpf("0.2")]
        step = d.step("directional-derivatives")
        sym = sorted(step.rhs.free_symbols, key=lambda z: z.name)   # Psi_x Psi_y k r_x r_y
        assert [z.name for z in sym] == ["Psi_x", "Psi_y", "k", "r_x", "r_y"]
        base = {sym[0]: psi[0] - psi[2], sym[1]: psi[1] - psi[3],
                sym[3]: q0[0] - q0[2], sym[4]: q0[1] - q0[3]}
        for n_ in (2, 3, 4):
            along = mp.diff(lambda s: pair_energy([q + s * p for q, p in zip(q0, stretch)]), 0,
                            n_)
            assert abs(along - mp.sqrt(2) ** n_ * mp.diff(phi, r, n_)) < \
                mp.mpf(10) ** -12 * abs(along)
            b_num = mp.diff(lambda s: pair_energy([q + s * p for q, p in zip(q0, psi)]), 0, n_)
            b_sym = 0
            for power, weight in ((12, 1), (-2, C2), (-4, C4)):
                vals = {**base, sym[2]: power}
                term = sp.N(step.rhs[n_ - 2].subs({z: sp.Float(v, 30) for z, v in vals.items()}),
                            30)
                b_sym += weight * mp.mpf(str(term))
            assert abs(b_num - b_sym) < mp.mpf(10) ** -12 * abs(b_num)


# --- Eq. (11) ------------------------------------------------------------------------------------
def _pr_printed(psi):
    """Eq. (11) as printed, psi of shape (N, 2)."""
    return 1 / (len(psi) * float(np.sum(psi * psi)) ** 2)


def _pr(psi):
    p = np.sum(psi * psi, axis=1)
    return float(np.sum(p)) ** 2 / (len(psi) * float(np.sum(p * p)))


def test_participation_ratio_on_explicit_modes(d):
    """N = 4000 particles with 2D displacements: the printed (11) gives 1/N for every
    normalised mode; the sum over particles separates them."""
    n_part = 4000
    rng = np.random.default_rng(7)
    ang = rng.uniform(0, 2 * np.pi, n_part)
    extended = np.stack([np.cos(ang), np.sin(ang)], axis=1) / np.sqrt(n_part)
    one = np.zeros((n_part, 2))
    one[17] = [0.6, 0.8]
    seven = np.zeros((n_part, 2))
    seven[:7] = np.stack([np.cos(ang[:7]), np.sin(ang[:7])], axis=1) / np.sqrt(7)
    k = np.arange(n_part)
    qq = 0.8
    expo = np.stack([qq**k, np.zeros(n_part)], axis=1)
    expo /= np.linalg.norm(expo)
    for mode in (extended, one, seven, expo):
        assert abs(np.sum(mode * mode) - 1) < 1e-12
        assert _pr_printed(mode) == pytest.approx(1 / n_part, rel=1e-12)
    assert _pr(extended) == pytest.approx(1, rel=1e-12)
    assert _pr(one) == pytest.approx(1 / n_part, rel=1e-12)
    assert _pr(seven) == pytest.approx(7 / n_part, rel=1e-12)
    ref = d.reference("participation_ratio_exponential", dps=DPS)
    assert _pr(expo) == pytest.approx(float(ref(n_part, qq)), rel=1e-12)
    assert n_part * _pr(expo) == pytest.approx((1 + qq**2) / (1 - qq**2), rel=1e-12)
    # every mode passes the printed cut PR < 0.27, the modes above do not under the corrected one
    assert 1 / n_part < 0.27 and _pr(extended) > 0.27


def test_plane_wave_participation_ratio():
    """A discrete standing wave on N particles: PR = 2/3 exactly (k not 0 or N/4, N/2)."""
    with mp.workdps(30):
        n_part, kk = 400, 7
        p = [mp.cos(2 * mp.pi * kk * i / n_part) ** 2 for i in range(n_part)]
        pr = mp.fsum(p) ** 2 / (n_part * mp.fsum(x**2 for x in p))
        assert close(pr, mp.mpf(2) / 3, 25)


# --- the counts ----------------------------------------------------------------------------------
def test_counts(d):
    assert 2 * 4000 == 8000 and 60000 * 8000 == 480_000_000
    assert 278 + 125 == 403 and 4000 / 4000 == 1
    for step, value in [("modes-per-realisation", 8000), ("modes-in-all", 480_000_000),
                        ("qlm-count", 403), ("number-density", 1)]:
        st = d.step(step)
        assert float(st.expr.subs(st.at)) == value


# --- the barrier of a higher minimum -------------------------------------------------------------
def _barrier_by_roots(B2, B3, B4):
    """The maximum of V nearest u = 0 (the root of V'(u)/u between 0 and the other minimum),
    by findroot from the linearised guess -2 b2/b3, then the other minimum from -3 b3/b4."""
    V = quartic(B2, B3, B4)
    dV = lambda u: mp.diff(V, u)                                     # noqa: E731
    u_top = mp.findroot(dV, -2 * B2 / B3)
    assert mp.diff(V, u_top, 2) < 0
    u_low = mp.findroot(dV, -3 * B3 / B4)
    assert mp.diff(V, u_low, 2) > 0 and abs(u_low) > abs(u_top)
    return V(u_top), V(u_low)


@pytest.mark.parametrize("B2,B3,B4", [("0.1", "1.5", "1.4"), ("0.1", "-1.5", "1.4"),
                                      ("0.3", "1.0", "0.9"), ("0.02", "-0.7", "2.5")])
def test_barrier_against_root_finding(d, B2, B3, B4):
    with mp.workdps(DPS):
        B2, B3, B4 = mp.mpf(B2), mp.mpf(B3), mp.mpf(B4)
        top, _ = _barrier_by_roots(B2, B3, B4)
        assert close(d.reference("barrier", dps=DPS)(B2, B3, B4), top, 25)
        kern = d.kernel("barrier")
        assert float(kern(float(B2), float(B3), float(B4))) == pytest.approx(float(top),
                                                                             rel=1e-12)


def test_barrier_small_b2_law():
    """Delta V / (2 b2^3/3 b3^2) - 1 ~ b2 b4/b3^2 and V(u_min) -> -9 b3^4/8 b4^3."""
    with mp.workdps(DPS):
        B3, B4 = mp.mpf("-1.3"), mp.mpf("0.8")
        for B2 in (mp.mpf("1e-3"), mp.mpf("1e-5"), mp.mpf("1e-7")):
            top, low = _barrier_by_roots(B2, B3, B4)
            rel = top / (2 * B2**3 / (3 * B3**2)) - 1
            assert abs(rel / (B2 * B4 / B3**2) - 1) < 10 * B2
            rel_low = low / (-9 * B3**4 / (8 * B4**3)) - 1
            assert abs(rel_low) < 5 * B2 * B4 / B3**2
        # group B at small b2: |beta| = |b3|/sqrt(3 b2 b4) > 1, the barrier is ~ omega^6
        assert abs(B3) / mp.sqrt(3 * mp.mpf("1e-3") * B4) > 1
