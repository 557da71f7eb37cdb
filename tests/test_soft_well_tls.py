"""The soft double-well derivation (derivations/soft_well_tls.py): Il'in, Karpov, Parshin, Sov.
Phys. JETP 65, 165 (1987), Eqs. (8)-(13) and Fig. 2.

It verifies, every step fails when its claim is corrupted (and on the readings the print
invites: the printed dE/dt ~ w/eta_L, P = P0 without |eta|, the naive instanton prefactor, a
turnover exactly at E_d/5), and its numbers agree with computations that share nothing with
the derivation: minima and roots by mpmath findroot, quadratures in other variables (the TLS
count in |alpha| instead of the graded variable, areas instead of delta functions), Jacobians
of the forward maps, the mpmath shooting references of the spectrum (``level_reference``,
``tunnel_splitting(dps=...)``) instead of the double-precision solver, and the physical
constants (CODATA 2018, SI 2019).
"""

import importlib

import mpmath as mp
import pytest
import sympy as sp

import glassderive

MOD = importlib.import_module("glassderive.derivations.soft_well_tls")
NAME = "soft-well-tls"
DPS = 40
STEPS = [
    "well-minima", "barrier-top", "barrier-height", "well-quantum", "asymmetry",
    "asymmetry-physical", "tunnelling-exponent", "tunnel-splitting", "tls-jacobian",
    "tls-distribution", "tls-delta-function", "tls-density-per-alpha", "tls-density-integrand",
    "tls-density-of-states", "tls-density-flat-in-E", "tls-density-constant",
    "level-derivatives", "asymmetry-strain-derivative", "soft-versus-nonsoft",
    "deformation-potential-0.1-eV", "third-level", "quantum-asymmetry",
    "collectivization-energy", "collectivization-3w", "einstein-peak", "turnover-at-E_d/5",
    "fold-jacobian", "fold-gradient", "fold-minimum-along", "fold-saddle",
    "saddle-delta-function", "flat-weight", "flat-weight-log", "abs-weight",
    "abs-weight-below", "abs-weight-kink", "c-over-T3-minimum"]


@pytest.fixture(scope="module")
def d():
    assert NAME in glassderive.list_derivations()
    return glassderive.get(NAME)


def close(x, y, digits=30):
    return abs(mp.mpf(x) - mp.mpf(y)) <= mp.mpf(10) ** (-digits) * max(abs(mp.mpf(y)), 1)


# --- independent mpmath model ----------------------------------------------------------------
def v(y, al, be):
    """The reduced potential of Eq. (7) as printed: alpha y^2 - beta y^3 + y^4."""
    return al * y**2 - be * y**3 + y**4


def minima(al, be):
    """Both minima of v by Newton from +-sqrt(-alpha/2)."""
    y0 = mp.sqrt(-al / 2)
    return [mp.findroot(lambda y: mp.diff(lambda z: v(z, al, be), y), s * y0) for s in (-1, 1)]


def delta0(u):
    """The instanton splitting of the symmetric well alpha = -u, from hbar omega and lambda as
    the textbook writes it: 2 hbar omega sqrt(6 lambda/pi) e^(-lambda)."""
    lam = mp.sqrt(2) / 3 * u ** mp.mpf(1.5)
    return 2 * (2 * mp.sqrt(2 * u)) * mp.sqrt(6 * lam / mp.pi) * mp.exp(-lam)


def gap21(al, be, dps=30):
    """eps_2 - eps_1 from the mpmath shooting reference (not the double-precision solver)."""
    from glassderive.numeric.soft_potential import _levels_one, level_reference

    lv = _levels_one(float(al), float(be), 2)
    return (level_reference(al, be, lv[1], dps=dps) - level_reference(al, be, lv[0], dps=dps))


def test_step_names(d):
    """The steps, in order (verification and the corruption of every step: test_derivations)."""
    assert [s.name for s in d.steps] == STEPS


lam_s = sp.Symbol("lambda", positive=True)


@pytest.mark.parametrize("step,transform", [
    # the naive instanton prefactor 16 y0^(5/2)/sqrt(pi) (without the sqrt 2 of the exact one)
    ("tunnel-splitting", lambda e: e / sp.sqrt(2)),
    # P = P0 (Refs. 6-7, no |eta|): an extra 1/|alpha| = (sqrt 2/3 lambda)^(2/3)
    ("tls-distribution", lambda e: e * (sp.sqrt(2) / (3 * lam_s)) ** sp.Rational(2, 3)),
    # the printed |dE/dt| ~ w/eta_L: the t-derivative with w/eta_L instead of w/eta_L^(1/2)
    ("level-derivatives",
     lambda e: sp.Matrix([e[0], e[1], e[2] / sp.sqrt(sp.Symbol("eta_L", positive=True))])),
    # the turnover exactly at E_d/5 is not the maximum of c/T^3
    ("einstein-peak", lambda e: sp.Symbol("E_d", positive=True) / 5),
    # n ~ E^2 (P = P0): (13) with E^3 instead of E^5
    ("collectivization-energy", lambda e: e ** sp.Rational(5, 3)),
    # no kink: n_1(0) - n_1(e) linear in e
    ("abs-weight-kink", lambda e: e * sp.sqrt(sp.Symbol("e", positive=True))),
])
def test_reading_corruptions_are_caught(d, step, transform):
    before = d.step(step)
    after = d.corrupt(step, transform).step(step)
    assert any(getattr(before, f) != getattr(after, f) for f in before.claim_fields)
    assert after.check().status == "fail"


# --- (8): the double well ---------------------------------------------------------------------
def test_minima_barrier_asymmetry(d):
    with mp.workdps(DPS):
        al = mp.mpf("-7.3")
        ym, yp = minima(al, 0)
        assert close(yp, mp.sqrt(-al / 2)) and close(ym, -mp.sqrt(-al / 2))
        assert close(v(0, al, 0) - v(yp, al, 0), al**2 / 4)
        curv = mp.diff(lambda z: v(z, al, 0), yp, 2)
        assert close(mp.sqrt(2 * curv), 2 * mp.sqrt(-2 * al))
        # asymmetry: (v(y-) - v(y+)) / (beta |alpha|^(3/2)/sqrt 2) = 1 + c beta^2
        ratios = []
        for be in (mp.mpf("1e-3"), mp.mpf("5e-4")):
            ym, yp = minima(al, be)
            ratios.append((v(ym, al, be) - v(yp, al, be)) / (be * (-al) ** 1.5 / mp.sqrt(2)))
        assert abs(ratios[0] - 1) < 1e-5 and abs((ratios[0] - 1) / (ratios[1] - 1) - 4) < 1e-3
        # the kernel in the paper's variables: Delta = E t |eta|^(3/2)/sqrt 2
        etaL, Ea, be = mp.mpf("0.02"), mp.mpf(3), mp.mpf("1e-3")
        ym, yp = minima(al, be)
        exact = Ea * etaL**2 * (v(ym, al, be) - v(yp, al, be))
        ref = d.reference("asymmetry", dps=DPS)(al * etaL, be * mp.sqrt(etaL), Ea)
        assert abs(ref / exact - 1) < 1e-5


def test_tunnelling_exponent(d):
    with mp.workdps(DPS):
        for al in (mp.mpf(-3), mp.mpf("-17.5")):
            y0 = mp.sqrt(-al / 2)
            S = mp.quad(lambda y: mp.sqrt(abs(v(y, al, 0) - v(y0, al, 0))), [-y0, 0, y0])
            assert close(S, d.reference("tunnelling_exponent", dps=DPS)(al), 25)
            assert close(S, mp.sqrt(2) / 3 * (-al) ** mp.mpf(1.5), 25)


def test_splitting_against_the_mpmath_reference():
    """Delta_0 = 2 hbar omega sqrt(6 lambda/pi) e^-lambda (the derivation's
    2^(13/4) u^(5/4) e^-lambda / sqrt(pi)), with a relative error ~ c u^(-3/2)."""
    from glassderive.numeric.soft_potential import tunnel_splitting

    with mp.workdps(DPS):
        for u in (7, 20, 55):
            u = mp.mpf(u)
            lam = mp.sqrt(2) / 3 * u**1.5
            assert close(delta0(u), 2 ** (mp.mpf(13) / 4) / mp.sqrt(mp.pi) * u**1.25
                         * mp.exp(-lam))
        err = {}
        for u, dps in ((20, 45), (40, 80)):
            exact = tunnel_splitting(-float(u), dps=dps, as_mpmath=True)
            err[u] = exact / delta0(mp.mpf(u)) - 1
        assert err[20] < err[40] < 0                                    # from below
        assert abs(mp.log(err[20] / err[40], 2) - 1.5) < 0.1          # order 3/2
        assert -2.6 < err[40] * 40**1.5 < -1.5


# --- (9)-(10): distribution and density of states --------------------------------------------
def test_tls_distribution_from_the_forward_map(d):
    """|alpha| / |d(delta, lambda)/d(alpha, beta)| at the preimage of (delta, lambda)."""
    with mp.workdps(DPS):
        de, lam = mp.mpf("0.3"), mp.mpf(7)
        al = -(3 * lam / mp.sqrt(2)) ** (mp.mpf(2) / 3)
        be = 2 * de / (3 * lam)

        def fwd(a, b):
            return [b * (-a) ** 1.5 / mp.sqrt(2), mp.sqrt(2) / 3 * (-a) ** 1.5]
        J = mp.matrix(2, 2)
        for i in range(2):
            J[i, 0] = mp.diff(lambda a: fwd(a, be)[i], al)
            J[i, 1] = mp.diff(lambda b: fwd(al, b)[i], be)
        assert close(fwd(al, be)[0], de) and close(fwd(al, be)[1], lam)
        P0, etaL, w = mp.mpf("1.3"), mp.mpf("0.7"), mp.mpf("1.1")
        expect = P0 * etaL**2.5 * (-al) / abs(mp.det(J)) / w
        assert close(d.reference("tls_distribution", dps=DPS)(lam, P0, etaL, w), expect, 25)


def tls_count_in_u(uE, A):
    """n(E; A) w/(P0 eta_L^(5/2)) = int_{u_E}^A 2 sqrt 2 u^(-1/2) E/sqrt(E^2 - Delta_0(u)^2) du,
    E = Delta_0(u_E), with u = u_E + x^2 (the edge) up to u_E + 1, then in u itself."""
    def f_x(x):
        # 1 - (Delta_0(u)/E)^2 = -expm1(2 ln r), ln r without cancellation at small x
        g = mp.log1p(x * x / uE)
        ln_r = mp.mpf(5) / 4 * g - mp.sqrt(2) / 3 * uE ** 1.5 * mp.expm1(mp.mpf(3) / 2 * g)
        u = uE + x * x
        return 2 * x * 2 * mp.sqrt(2) / mp.sqrt(u) / mp.sqrt(-mp.expm1(2 * ln_r))
    E = delta0(uE)
    head = mp.quad(f_x, [0, 1])
    tail = mp.quad(lambda u: 2 * mp.sqrt(2) / mp.sqrt(u) * E / mp.sqrt(E**2 - delta0(u) ** 2),
                   [uE + 1, 2 * uE, 10 * uE, A])
    return head + tail


def test_tls_density_of_states(d):
    """The count in |alpha| against the derivation's graded quadrature of the verified
    integrand; 4 sqrt 2 sqrt A plus a finite E-dependent remainder."""
    count = MOD._tls_count(d.ref("tls-density-integrand"), sp.Symbol("sigma", positive=True))
    with mp.workdps(30):
        A = mp.mpf(10) ** 4
        rest = {}
        for uE in (5, 8):
            mine = tls_count_in_u(mp.mpf(uE), A)
            assert close(count(A, uE), mine, 20)
            rest[uE] = mine - 4 * mp.sqrt(2) * mp.sqrt(A)
            # beyond u ~ 20 the integrand is 2 sqrt 2 u^(-1/2) to e^-80: the rest is A-free
            assert close(tls_count_in_u(mp.mpf(uE), 100 * A) - 4 * mp.sqrt(2) * mp.sqrt(100 * A),
                         rest[uE], 20)
        # the rest is -4 sqrt 2 sqrt(u_E) (the missing u < u_E) plus a positive finite part from
        # the 1/sqrt edge at Delta_0 = E; relative to n at A = 1e4 the E dependence is 0.6 %
        for uE in (5, 8):
            assert 0.3 < rest[uE] + 4 * mp.sqrt(2) * mp.sqrt(uE) < 0.7
        assert rest[8] < rest[5] < 0
        assert abs(rest[5] - rest[8]) / (4 * mp.sqrt(2) * mp.sqrt(A)) < 7e-3
    assert 0.2 < float(delta0(mp.mpf(5))) < 0.21 and 0.0016 < float(delta0(mp.mpf(8))) < 0.0017


def test_tls_density_constant(d):
    with mp.workdps(DPS):
        P0, etaL, de, w = mp.mpf("0.8"), mp.mpf("0.01"), mp.mpf("0.1"), mp.mpf(2)
        got = d.reference("tls_density", dps=DPS)(P0, etaL, de, w)
        assert close(got, 4 * mp.sqrt(2) * P0 * etaL ** mp.mpf(2.5) * mp.sqrt(de / etaL) / w)


# --- (11): the deformation potential ----------------------------------------------------------
EV = sp.Rational(1602176634, 10**28)       # J (SI 2019, exact)
KB = sp.Rational(1380649, 10**29)          # J/K
HBAR = "1.054571817e-34"                   # J s (CODATA 2018)


def mpq(x):
    return mp.mpf(x.p) / x.q


def test_deformation_potential_numbers(d):
    with mp.workdps(DPS):
        w, Ea = mpq(10 * KB / EV), mp.mpf(10)            # eV
        etaL = mp.sqrt(w / Ea)
        gamma = w / etaL
        assert close(gamma, mp.sqrt(Ea * w))
        assert abs(gamma - mp.mpf("0.0928296")) < 1e-7
        assert close(d.step("deformation-potential-0.1-eV").computed(), gamma, 30)
        # soft / non-soft = eta_L^(-1/2) ~ 10; the TLS exponent at which dDelta/dt = w/eta_L
        assert 10.3 < etaL ** -0.5 < 10.4
        assert 6.9 < 2 / (3 * mp.sqrt(etaL)) < 7.0


def test_asymmetry_strain_derivative(d):
    """d Delta/dt by mpmath differentiation of the kernel: (3/2) lambda w/eta_L^(1/2)."""
    with mp.workdps(DPS):
        eta, t, Ea, etaL = mp.mpf("-0.07"), mp.mpf("0.003"), mp.mpf(10), mp.mpf("0.0093")
        f = d.reference("asymmetry", dps=DPS)
        # linear in t (the kernel's own precision cannot be raised for mpmath.diff)
        got = (f(eta, 2 * t, Ea) - f(eta, t, Ea)) / t
        assert close(f(eta, 3 * t, Ea) - f(eta, 2 * t, Ea), got * t)
        lam = mp.sqrt(2) / 3 * (-eta / etaL) ** 1.5
        assert close(got, mp.mpf(3) / 2 * lam * Ea * etaL**2 / mp.sqrt(etaL), 25)


# --- E_21 << w and the TLS limit ------------------------------------------------------------------
def test_third_level_minimum():
    """The smallest eps_31 of Eq. (7) (the why of step third-level): 3.6511 at alpha = -3.957,
    beta = 0 (mpmath shooting), larger around it."""
    from glassderive.numeric.soft_potential import _levels_one, level_reference

    def e31(al, be):
        lv = _levels_one(float(al), float(be), 3)
        return level_reference(al, be, lv[2], dps=30) - level_reference(al, be, lv[0], dps=30)
    with mp.workdps(30):
        c = e31(mp.mpf("-3.95685"), 0)
        assert abs(c - mp.mpf("3.651119")) < 1e-5
        for al, be in ((-3.75, 0), (-4.15, 0), (-3.95685, 0.2)):
            assert e31(mp.mpf(al), mp.mpf(be)) > c + 1e-3


# --- (12)-(13): collectivization ------------------------------------------------------------------
def test_collectivization_energy(d):
    """lambda_ph^3 Gamma n = 1 solved by findroot in SI units at the step's inputs."""
    with mp.workdps(DPS):
        hbar = mp.mpf(HBAR)
        w, Ea = mpq(10 * KB), mpq(10 * EV)
        etaL = mp.sqrt(w / Ea)
        hwD, v, n0, de = Ea * etaL**1.5, mp.mpf(4000), mp.mpf(10) ** 46, mp.mpf("0.1")

        def crit(x):                    # lambda_ph^3 Gamma n at E = x w
            E = x * w
            n = n0 / 2 * mp.sqrt(etaL / de) * (E / w) ** 4
            return (2 * mp.pi * hbar * v / E) ** 3 * E**4 / hwD**3 * n
        x_d = mp.findroot(lambda x: crit(x) - 1, 3)
        Ed = x_d * w
        assert abs(x_d - mp.mpf("3.7599")) < 1e-4
        ref = d.reference("collectivization_energy", dps=DPS)(w, hwD, hbar, v, n0, etaL, de)
        assert close(ref, Ed, 25)
        assert close(d.step("collectivization-3w").computed(), Ed / w, 25)
        # the fifth root: a decade in n0 moves E_d by 10^(1/5)
        x10 = mp.findroot(lambda x: crit(x) * 10 - 1, 2)
        assert close(x_d / x10, mp.mpf(10) ** (mp.mpf(1) / 5), 25)


def test_einstein_peak(d):
    """The maximum of c/T^3 of one oscillator, by findroot on its derivative."""
    with mp.workdps(DPS):
        def c_T3(T):
            x = 1 / T
            return x**2 * mp.exp(x) / (mp.exp(x) - 1) ** 2 / T**3
        # d ln(c/T^3)/dT = 0, written out: (5 + x - 2x e^x/(e^x - 1))/T with x = 1/T
        Tm = 1 / mp.findroot(lambda x: 5 + x - 2 * x * mp.exp(x) / (mp.exp(x) - 1), 5)
        for f in (1 + mp.mpf("1e-6"), 1 - mp.mpf("1e-6")):
            assert c_T3(Tm) > c_T3(Tm * f)
        assert abs(1 / Tm - mp.mpf("4.928119")) < 1e-6
        assert close(d.reference("turnover_temperature", dps=DPS)(1), Tm, 30)
        assert mp.nint(1 / Tm) == 5


# --- the van Hove remark ----------------------------------------------------------------------
def test_fold_jacobian_and_gradient():
    """det d(I1, I2)/d(eta, t) = eta/2 (mpmath), and on alpha = 0 the real eps_21 obeys
    d_beta eps = -(3 beta/4) d_alpha eps (shooting reference, 30 digits)."""
    with mp.workdps(DPS):
        eta, t = mp.mpf("-0.37"), mp.mpf("1.1")
        I1 = lambda e, s: e - mp.mpf(3) / 8 * s**2                       # noqa: E731
        I2 = lambda e, s: s * (e - s**2 / 4) / 2                         # noqa: E731
        J = mp.matrix([[mp.diff(lambda e: I1(e, t), eta), mp.diff(lambda s: I1(eta, s), t)],
                       [mp.diff(lambda e: I2(e, t), eta), mp.diff(lambda s: I2(eta, s), t)]])
        assert close(mp.det(J), eta / 2)
    with mp.workdps(30):
        be, h = mp.mpf("1.2"), mp.mpf("1e-6")
        da = (gap21(h, be) - gap21(-h, be)) / (2 * h)
        db = (gap21(0, be + h) - gap21(0, be - h)) / (2 * h)
        assert abs(db + mp.mpf(3) / 4 * be * da) < 1e-8 * abs(db)


def test_fold_saddle():
    """(0, beta*) is a critical point of eps_21 and a saddle (shooting reference)."""
    with mp.workdps(30):
        BETA_STAR, EPS_STAR, _, C_BB, C_AB = MOD._saddle()
        bs, h = mp.mpf(BETA_STAR), mp.mpf("1e-4")
        f = {(i, j): gap21(i * h, bs + j * h) for i in (-1, 0, 1) for j in (-1, 0, 1)}
        assert abs(f[0, 0] - mp.mpf("2.182133")) < 1e-6
        assert abs(f[0, 0] - EPS_STAR) < 1e-10
        ga = (f[1, 0] - f[-1, 0]) / (2 * h)
        gb = (f[0, 1] - f[0, -1]) / (2 * h)
        assert abs(ga) < 1e-6 and abs(gb) < 1e-6
        caa = (f[1, 0] - 2 * f[0, 0] + f[-1, 0]) / h**2
        cbb = (f[0, 1] - 2 * f[0, 0] + f[0, -1]) / h**2
        cab = (f[1, 1] - f[1, -1] - f[-1, 1] + f[-1, -1]) / (4 * h * h)
        assert cbb > 0 and caa * cbb - cab**2 < -0.3
        assert abs(cbb - C_BB) < 1e-4 and abs(cab - C_AB) < 1e-4


def test_van_hove_models(d):
    """n_k(e) = d/de of the area {A s^2 - B a^2 < e, 0 < a < L} weighted by a^k (quadrature
    of the area, derivative by mpmath), against the closed forms; the log and the kink."""
    As, Bs, L = mp.mpf("0.9"), mp.mpf("1.4"), mp.mpf("1.2")

    def area(e, k):
        lo = mp.sqrt(-e / Bs) if e < 0 else 0
        return mp.quad(lambda a: a**k * 2 * mp.sqrt((e + Bs * a**2) / As), [lo, L])
    syms = {s.name: s for s in d.ref("flat-weight").free_symbols}
    with mp.workdps(DPS):
        for e in (mp.mpf("0.3"), mp.mpf("1e-3")):
            for k, step in ((0, "flat-weight"), (1, "abs-weight")):
                n = mp.diff(lambda z: area(z, k), e)
                at = {syms["A_s"]: As, syms["B_s"]: Bs, syms["L"]: L, syms["e"]: e}
                assert close(n, sp.N(d.ref(step).subs(at), 50), 20)
        n0 = [mp.diff(lambda z: area(z, 0), e) for e in (mp.mpf("1e-6"), mp.mpf("1e-8"))]
        # the log: n0 grows by ln(100)/(2 sqrt(AB)) per two decades
        assert abs((n0[1] - n0[0]) - mp.log(100) / (2 * mp.sqrt(As * Bs))) < 1e-5
        # |alpha| weight: continuous at e = 0, slope ~ -1/(2 B sqrt(A e)) above, finite below
        n1 = lambda e: mp.diff(lambda z: area(z, 1), e)                    # noqa: E731
        top = mp.sqrt(Bs * L**2) / (Bs * mp.sqrt(As))
        assert abs(n1(mp.mpf("-1e-8")) - top) < 1e-7 and abs(n1(mp.mpf("1e-8")) - top) < 1e-3
        e = mp.mpf("1e-6")
        smooth = (mp.sqrt(Bs * L**2 + e) - mp.sqrt(Bs * L**2)) / (Bs * mp.sqrt(As))
        assert close(top - n1(e), mp.sqrt(e) / (Bs * mp.sqrt(As)) - smooth, 15)


# --- Fig. 2: the c/T^3 minimum --------------------------------------------------------------------
def test_c_over_T3_minimum_converged():
    """A finer rule moves T_min by less than 1e-3: T_min = 0.585 w, W/T_min = 1.71 ("2")."""
    t16, t20 = MOD.c_over_T3_minimum(16), MOD.c_over_T3_minimum(20)
    assert abs(t16 - t20) < 1e-3
    assert abs(t20 - 0.585) < 2e-3
    assert 1.5 <= 1 / t20 < 2.5
