"""The RFOT mosaic derivation (derivations/rfot_mosaic.py): Lubchenko and Wolynes, "The
microscopic quantum theory of low temperature amorphous solids", Adv. Chem. Phys. 136, 95-206
(2007), Secs. II and III.A.

It verifies, every step fails when its claim is corrupted (and on the typos the print invites:
the other readings of the garbled square roots), and its numbers agree with mpmath computations
at 40 digits that share nothing with the derivation: roots and maxima found numerically
(findroot on F(N), on Omega_N = 1, on dV/dN), limits taken at a small T - T_K, quadratures, and
the system of U-20/U-21 solved by Newton's method.
"""

import pathlib

import mpmath as mp
import pytest
import sympy as sp

import glassderive

ROOT = pathlib.Path(__file__).resolve().parent.parent
FILE = ROOT / "derivations" / "rfot_mosaic.py"
NAME = "rfot-mosaic"
DPS = 40
STEPS = [
    "surface-tension-coefficient", "droplet-saddle", "droplet-barrier", "mosaic-size",
    "saddle-quarter-of-mosaic", "barrier-and-mosaic-size", "vogel-fulcher-form",
    "fragility-heat-capacity", "fragility-32", "entropy-at-Tg", "mosaic-length",
    "entropy-at-Tg-0.82", "entropy-at-Tg-0.8", "mosaic-length-value", "mosaic-size-value",
    "barrier-39", "barrier-at-least-35",
    "inverse-boltzmann-normalisation", "inverse-boltzmann-slope", "rem-kauzmann-level",
    "rem-kauzmann-slope", "rem-excess-energy", "ground-state-energy", "ground-state-is-root",
    "ground-state-slope", "isoenergetic-size", "lowest-barrier-profile",
    "lowest-barrier-is-root", "hardest-bottleneck", "bottleneck-size", "bottleneck-height",
    "bottleneck-height-in-mosaic-size", "barrier-slope", "bottleneck-size-value",
    "bottleneck-height-26", "bottleneck-over-sqrt2-Tg-18", "zero-barrier-fraction",
    "zero-barrier-fraction-exact", "tls-density-silica", "x2-sech2-integral",
    "tls-linear-heat-capacity"]


@pytest.fixture(scope="module")
def d():
    assert NAME in glassderive.list_derivations()   # a built-in derivation
    return glassderive.get(NAME)


def close(x, y, digits=30):
    return abs(mp.mpf(x) - mp.mpf(y)) <= mp.mpf(10) ** (-digits) * max(abs(mp.mpf(y)), 1)


# --- independent mpmath model: the paper's formulas, roots and maxima found numerically ------
def lind(alpha_a2=100):
    return mp.log(mp.mpf(alpha_a2) / (mp.pi * mp.e))


def gamma_over_Tg(alpha_a2=100):
    # gamma sqrt(N) = 4 pi R^2 sigma(R), numerically at one N (a = 1, T_g = 1)
    n = mp.mpf(37)
    R = (3 * n / (4 * mp.pi)) ** (mp.mpf(1) / 3)
    sigma = mp.mpf(3) / 4 * lind(alpha_a2) * R ** mp.mpf(-0.5)
    return 4 * mp.pi * R**2 * sigma / mp.sqrt(n)


def entropy_at_Tg(lam):
    # F_dd(s) = max_N [gamma sqrt N - s N] = T_g ln(tau/tau_0), solved for s (T_g = 1)
    g = gamma_over_Tg()

    def barrier(s):
        n = mp.findroot(lambda m: mp.diff(lambda x: g * mp.sqrt(x) - s * x, m), 30)
        return g * mp.sqrt(n) - s * n
    return mp.findroot(lambda s: barrier(s) - lam, mp.mpf("0.7"))


def mosaic_size(s, g):
    # the nonzero root of F(N) = g sqrt N - s N (T = 1)
    return mp.findroot(lambda n: g * mp.sqrt(n) - s * n, 150)


def test_step_names(d):
    """The steps, in order (verification and the corruption of every step: test_derivations)."""
    assert [s.name for s in d.steps] == STEPS


@pytest.mark.parametrize("step,transform", [
    # U-8 read as (3/2) sqrt(3) pi: sqrt(pi) -> pi
    ("surface-tension-coefficient", lambda e: e.xreplace({sp.sqrt(sp.pi): sp.pi})),
    # U-12 read as 8/(3 sqrt(3) pi): the prefactor loses the root on pi
    ("mosaic-length",
     lambda e: e.xreplace({sp.pi ** sp.Rational(-1, 3): sp.pi ** sp.Rational(-2, 3)})),
    # Eq. (13): 2 sqrt 2 - 1 -> 2 sqrt 2 + 1
    ("bottleneck-height", lambda e: e.subs(-1 + 2 * sp.sqrt(2), 1 + 2 * sp.sqrt(2))),
    # Eq. (14): the slope without the doubled variance, 1/T_g
    ("barrier-slope", lambda e: e * sp.sqrt(2)),
    # U-21: the variance without its factor 2
    ("rem-kauzmann-slope", lambda e: e / sp.sqrt(2)),
    # Eq. (11) with the bulk term of the wrong sign
    ("ground-state-energy", lambda e: e.subs(sp.Symbol("s_c", positive=True),
                                             -sp.Symbol("s_c", positive=True))),
])
def test_typo_corruptions_are_caught(d, step, transform):
    before = d.step(step)
    after = d.corrupt(step, transform).step(step)
    assert any(getattr(before, f) != getattr(after, f) for f in before.claim_fields)
    assert after.check().status == "fail"


def test_surface_tension_and_its_reading(d):
    with mp.workdps(DPS):
        g = gamma_over_Tg()
        assert close(g, mp.mpf(3) / 2 * mp.sqrt(3 * mp.pi) * lind())
        assert not close(g, mp.mpf(3) / 2 * mp.sqrt(3) * mp.pi * lind(), 3)
        assert close(d.reference("surface_tension", dps=DPS)(1, 100, 1), g)
        assert close(d.reference("surface_tension", dps=DPS)(mp.mpf(1500), 400, mp.mpf("0.5")),
                     1500 * g)
        assert mp.nstr(g, 5) == "11.33"


def test_fragility_32_as_a_limit():
    """D = lim (T - T_K) F_dd/(T T_K) with s_c = dcp (T - T_K)/T_K; D dcp at alpha_L a^2 = 100."""
    with mp.workdps(60):
        TK, dcp = mp.mpf("1.3"), mp.mpf("0.7")
        g = gamma_over_Tg() * TK

        def f_over_T(T):
            s = dcp * (T - TK) / TK
            n = (g / (2 * s * T)) ** 2
            return (g * mp.sqrt(n) - T * s * n) / T
        x = mp.mpf(10) ** -25
        D = f_over_T(TK + x) * x / TK
        Ddcp = D * dcp
    with mp.workdps(DPS):
        assert close(Ddcp, 27 * mp.pi / 16 * lind() ** 2, 20)
        assert mp.nint(Ddcp) == 32
        assert abs(Ddcp - mp.mpf("32.0937")) < mp.mpf("1e-4")
        # the other reading of U-8 would give 101, not 32
        assert mp.nint(Ddcp * mp.pi) == 101


def test_numbers_at_Tg(d):
    with mp.workdps(DPS):
        lam = mp.log(mp.mpf(10) ** 17)
        g = gamma_over_Tg()
        s = entropy_at_Tg(lam)
        n_star = mosaic_size(s, g)
        xi_a = mp.cbrt(n_star)
        # F_dd by numerical maximisation of (6)
        n_dd = mp.findroot(lambda m: mp.diff(lambda x: g * mp.sqrt(x) - s * x, m), 40)
        f_dd = g * mp.sqrt(n_dd) - s * n_dd
        assert close(d.reference("mosaic_length", dps=DPS)(lam, 100, 1), xi_a)
        assert close(d.reference("barrier", dps=DPS)(g, s, 1), f_dd)
        assert close(f_dd, lam)
        # the paper's printed numbers, to its digits
        assert mp.nstr(s, 2) == "0.82" and mp.nstr(s, 1) == "0.8"
        assert mp.nstr(xi_a, 2) == "5.8"
        assert mp.nint(n_star / 10) == 19          # "N* ~ 190"
        assert mp.nint(f_dd) == 39
        assert mp.nint(n_dd) == 48 and close(n_dd, n_star / 4)
        assert mp.nint(mp.log(mp.mpf(10) ** 15)) == 35
        # the independent numbers against the derivation's own NumericValue expressions
        for step, value in [("entropy-at-Tg-0.82", s), ("mosaic-length-value", xi_a),
                            ("mosaic-size-value", n_star)]:
            st = d.step(step)
            assert close(sp.N(st.expr.subs(st.at), DPS), value, 28), step


def test_rem_parameters_solve_both_conditions():
    """U-20/U-21 solved by Newton's method for (Delta eps, delta E^2) at gamma = 0."""
    with mp.workdps(DPS):
        Tg, s, N = mp.mpf("1.7"), mp.mpf("0.63"), mp.mpf(25)
        EK = -Tg * s * N

        def lnomega(E, de, v):
            return s * N - (E - N * de) ** 2 / (2 * v * N)

        def eqs(de, v):
            return [lnomega(EK, de, v), mp.diff(lambda E: lnomega(E, de, v), EK) - 1 / Tg]
        de, v = mp.findroot(eqs, (mp.mpf("0.5"), mp.mpf(3)))
        assert close(de, Tg * s) and close(v, 2 * Tg**2 * s)


def test_ground_state_and_barrier_profile(d):
    with mp.workdps(DPS):
        Tg, s, g = mp.mpf("1.2"), mp.mpf("0.82"), mp.mpf("7.5")
        v, de = 2 * Tg**2 * s, Tg * s
        for N in (mp.mpf(3), mp.mpf(40), mp.mpf(400)):
            lnE = lambda E: s * N - (E - (N * de + g * mp.sqrt(N))) ** 2 / (2 * v * N)  # noqa: E731
            lnV = lambda V: (s * N  # noqa: E731
                             - (V - (Tg * s * N + g * mp.sqrt(N))) ** 2 / (4 * v * N))
            # the lower roots of Omega_N = 1, found from below the centre
            e_gs = mp.findroot(lnE, N * de + g * mp.sqrt(N) - 3 * Tg * s * N)
            v_lo = mp.findroot(lnV, Tg * s * N + g * mp.sqrt(N) - 4 * Tg * s * N)
            assert close(d.reference("ground_state_energy", dps=DPS)(N, g, Tg, s), e_gs)
            assert close(d.reference("lowest_barrier", dps=DPS)(N, g, Tg, s), v_lo)
            assert close(mp.diff(lnE, e_gs), 1 / Tg)
            assert close(mp.diff(lnV, v_lo), 1 / (mp.sqrt(2) * Tg))
        # E_GS(N_0) = 0 at N_0 = N* of Eq. (6) at T_g
        n0 = mp.findroot(lambda n: d.reference("ground_state_energy", dps=DPS)(n, g, Tg, s), 60)
        assert close(n0, mosaic_size(s * Tg, g))


def test_bottleneck_numbers():
    """Eqs. (13), (14): the maximum of the lowest-barrier profile, by numerical maximisation."""
    with mp.workdps(DPS):
        lam = mp.log(mp.mpf(10) ** 17)
        g = gamma_over_Tg()
        s = entropy_at_Tg(lam)
        Tg = mp.mpf(1)
        v = 2 * Tg**2 * s

        def profile(N):   # lower root of Omega_N(V) = 1, numerically
            c = Tg * s * N + g * mp.sqrt(N)
            return mp.findroot(lambda V: s * N - (V - c) ** 2 / (4 * v * N), c - 3 * Tg * s * N)
        n_v = mp.findroot(lambda n: mp.diff(profile, n), 15)
        v_max = profile(n_v)
        f_dd = lam * Tg
        n_star = mosaic_size(s, g)
        assert close(v_max, f_dd / (2 * mp.sqrt(2) - 1), 25)
        assert close(n_v, n_star / (4 * (2 * mp.sqrt(2) - 1) ** 2), 25)
        assert mp.nint(n_v) == 14
        assert mp.nint(v_max / (Tg * s)) == 26
        assert mp.nint(v_max / (mp.sqrt(2) * Tg * s)) == 18
        assert abs(v_max / (mp.sqrt(2) * Tg * s) - mp.mpf("18.4636")) < mp.mpf("1e-4")
        frac = mp.exp(-v_max / (mp.sqrt(2) * Tg))
        assert mp.nstr(frac, 1) == "3.0e-7"
        assert abs(mp.log10(mp.exp(-18 * mp.mpf("0.82")) / mp.mpf("3e-7"))) < mp.mpf("0.5")


def test_inverse_boltzmann_density_and_tls_heat_capacity(d):
    with mp.workdps(DPS):
        Tg = mp.mpf("2.3")
        assert close(mp.quad(lambda e: mp.exp(e / Tg) / Tg, [-mp.inf, 0]), 1, 25)
        # C = Pbar int_0^inf E^2 e^{-E/T}/(T^2 (1 + e^{-E/T})^2) dE (Boltzmann occupations),
        # k_B = 1
        T = mp.mpf("0.37")
        C = mp.quad(lambda E: (E / T) ** 2 * mp.exp(-E / T) / (1 + mp.exp(-E / T)) ** 2,
                    [0, T, 10 * T, mp.inf])
        assert close(C / T, mp.pi**2 / 6, 25)
        # the silica number, k_B exact (SI 2019), T_g = 1500 K, xi = 20 angstrom
        pbar = 1 / (mp.mpf("1.380649e-23") * 1500 * (mp.mpf("20e-10")) ** 3)
        assert mp.nstr(pbar, 1) == "6.0e+45"
        st = d.step("tls-density-silica")
        assert close(sp.N(st.expr.subs(st.at), DPS), pbar, 25)
