"""The tutorial derivation of docs/authoring.md (examples/tls_heat_capacity.py).

It verifies (Python API and command line), the deliberate error of the tutorial fails the step it
is in, every step fails when its claim is corrupted, and its results agree with computations
that share nothing with the derivation: mpmath quadratures at 40 digits of the two-level heat
capacity written from the Boltzmann occupations (not from sech^2) and of the r-integral, and the
closed form n = Pbar artanh(sqrt(1 - u)) (ln((1+s)/(1-s)) = 2 artanh s).
"""

import pathlib
import subprocess
import sys

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

import glassderive

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tls_heat_capacity.py"
NAME = "tls-heat-capacity"
STEPS = ["internal-energy", "schottky-heat-capacity", "x2-sech2-integral", "linear-heat-capacity",
         "stm-jacobian", "stm-distribution", "relaxed-tls-density", "relaxed-tls-density-stable",
         "relaxed-tls-density-long-times", "time-dependent-heat-capacity", "log-coefficient"]
DPS = 40


@pytest.fixture(scope="module")
def d():
    assert glassderive.load(EXAMPLE) == [NAME]
    return glassderive.get(NAME)


@pytest.fixture(scope="module")
def report(d):
    return d.verify()


# -- independent references (mpmath, 40 digits) -------------------------------------------------

def schottky_from_occupations(E, T):
    """C_1 = Var(energy)/T^2 of a two-level system, from the occupations of its two levels
    (p_lower = 1/(1 + e^-E/T)): (E/T)^2 p_lower p_upper.  No tanh, no sech, no derivative."""
    w = mp.exp(-E / T)
    p_lower, p_upper = 1 / (1 + w), w / (1 + w)
    return (E / T) ** 2 * p_lower * p_upper


def schottky_integral(T):
    """int_0^oo C_1(E, T) dE by quadrature."""
    return mp.quad(lambda E: schottky_from_occupations(E, T), [0, T, 10 * T, 100 * T, mp.inf])


def relaxed_quad(u):
    """int_u^1 dr / (2 r sqrt(1 - r)) by quadrature: split at r = 1/2, geometric toward r = u,
    and the piece next to the singular end r = 1 in rho = 1 - r (geometric toward rho = 0)."""
    half = mp.mpf(1) / 2
    f = lambda r: 1 / (2 * r * mp.sqrt(1 - r))
    g = lambda rho: 1 / (2 * (1 - rho) * mp.sqrt(rho))
    low = 0
    if u < half:
        pts = [u] + [u * 10**k for k in range(1, 40) if u * 10**k < half] + [half]
        low = mp.quad(f, pts)
    pts = [0] + [mp.mpf(10) ** -k for k in range(40, 0, -2) if mp.mpf(10) ** -k < 1 - u] \
        + [min(half, 1 - u)]
    return low + mp.quad(g, pts)


def rel(a, b):
    return abs(a - b) / abs(b)


# -- the derivation verifies --------------------------------------------------------------------

def test_steps_are_the_tutorials(d):
    assert [s.name for s in d.steps] == STEPS
    assert set(d.results) == {"schottky_heat_capacity", "linear_heat_capacity",
                              "relaxed_density", "heat_capacity"}
    assert not d.unverified_results()


def test_example_verifies(d, report):
    assert report.ok, "\n".join(s.line() for s in report.steps)
    assert [s.step for s in report.steps] == STEPS
    assert all(s.status == "pass" for s in report.steps)


def test_cli_verifies_the_file():
    proc = subprocess.run([sys.executable, "-m", "glassderive", "verify", str(EXAMPLE)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert NAME in proc.stdout


# -- errors are caught ---------------------------------------------------------------------------

def test_deliberate_error_fails_its_step(d):
    """The tutorial's error: (pi^2/6) n0 T typed as (pi^2/3) n0 T."""
    bad = d.corrupt("linear-heat-capacity",
                    lambda e: e.subs(sp.Rational(1, 6), sp.Rational(1, 3)))
    T, n0 = sp.Symbol("T", positive=True), sp.Symbol("n_0", positive=True)
    assert sp.simplify(bad.step("linear-heat-capacity").rhs - sp.pi**2 / 3 * n0 * T) == 0
    rep = bad.verify()
    assert [s.step for s in rep.failures] == ["linear-heat-capacity"]
    assert rep["linear-heat-capacity"].status == "fail"
    # the sides differ by a factor 2: relative residual 1/2
    assert rep["linear-heat-capacity"].residual == pytest.approx(0.5, rel=1e-12)


@pytest.mark.parametrize("step", STEPS)
def test_every_step_catches_its_corruption(d, step):
    bad = d.corrupt(step)
    assert all(a is b for a, b in zip(d.steps, bad.steps) if a.name != step)
    res = bad.step(step).check()
    assert res.status == "fail", res.line()


def test_wrong_log_power_is_caught(d):
    """The asymptotic claim states its error as O(u |ln u|^-1): without the log it fails."""
    import copy

    st = copy.copy(d.step("relaxed-tls-density-long-times"))
    assert (st.order, st.log_power) == (1.0, -1)
    st.log_power = 0
    assert st.check().status == "fail"


# -- results against independent computations ------------------------------------------------------

@pytest.mark.parametrize("T", ["0.05", "0.7", "3"])
def test_linear_heat_capacity_against_quadrature(d, T):
    ref = d.reference("linear_heat_capacity", dps=DPS)
    with mp.workdps(DPS):
        T = mp.mpf(T)
        n0 = mp.mpf("1.3")
        want = n0 * schottky_integral(T)
        assert rel(ref(T, n0), want) < mp.mpf(10) ** -30


@pytest.mark.parametrize("u", ["1e-9", "1e-3", "0.3", "0.9", "1"])
def test_relaxed_density_against_quadrature_and_closed_form(d, u):
    ref = d.reference("relaxed_density", dps=DPS)
    with mp.workdps(DPS):
        u, Pbar = mp.mpf(u), mp.mpf("0.8")
        got = ref(u, Pbar)
        if u == 1:
            assert got == 0
            return
        assert rel(got, Pbar * mp.atanh(mp.sqrt(1 - u))) < mp.mpf(10) ** -30
        assert rel(got, Pbar * relaxed_quad(u)) < mp.mpf(10) ** -30
    assert float(d.kernel("relaxed_density")(u=float(u), Pbar=0.8)) == \
        pytest.approx(float(got), rel=1e-13)


@pytest.mark.parametrize("u", ["1e-4", "1e-6", "1e-8"])
def test_heat_capacity_kernel_to_the_predicted_order(d, u):
    """C(T, t) with constant tau_min is the double integral int dE C_1(E, T) int_u^1 P dr, which
    factorises (Fubini): quadrature of each factor.  The kernel is its t >> tau_min form; their
    relative difference must be the predicted u / (2 ln(4/u)), to O(u)."""
    T, tau, Pbar = 0.6, 2e-3, 1.7
    t = tau / float(u)
    with mp.workdps(DPS):
        uu = mp.mpf(tau) / mp.mpf(t)
        exact = schottky_integral(mp.mpf(T)) * mp.mpf(Pbar) * relaxed_quad(uu)
        predicted = uu / (2 * mp.log(4 / uu))
        ref = d.reference("heat_capacity", dps=DPS)(T, t, tau, Pbar)
        err_ref = rel(ref, exact)
        assert abs(err_ref / predicted - 1) < uu          # the next order is O(u)
    got = d.kernel("heat_capacity")(T=T, t=t, tau_min=tau, Pbar=Pbar)
    err_kernel = abs(float(got) / float(exact) - 1)
    # double precision: the error of the kernel is the same, to rounding (1e-16 of C)
    assert err_kernel == pytest.approx(float(err_ref), rel=1e-5)
    assert float(got) == pytest.approx(float(ref), rel=1e-14)


def test_heat_capacity_kernel_vectorised_and_validated(d):
    k = d.kernel("heat_capacity")
    t = np.logspace(1, 6, 6)
    got = k(T=0.5, t=t, tau_min=1e-3, Pbar=1.0)
    assert got.shape == t.shape and np.all(np.diff(got) > 0)
    ref = d.reference("heat_capacity", dps=DPS)
    for ti, gi in zip(t, got):
        assert gi == pytest.approx(float(ref(0.5, ti, 1e-3, 1.0)), rel=1e-14)
    with pytest.raises(ValueError, match="t > tau_min"):
        k(T=0.5, t=1e-4, tau_min=1e-3, Pbar=1.0)
    with pytest.raises(ValueError, match="T"):
        k(T=-1.0, t=10.0, tau_min=1e-3, Pbar=1.0)


def test_printed_coefficient_is_pi2_over_12():
    with mp.workdps(DPS):
        c = mp.quad(lambda x: x**2 / mp.cosh(x) ** 2, [0, 1, 10, 100, mp.inf])
        assert rel(c, mp.pi**2 / 12) < mp.mpf(10) ** -30
        assert abs(c - mp.mpf("0.822")) < mp.mpf("0.0005")


def test_lubchenko_wolynes_kernel_at_c0_is_the_tutorial_law(d):
    """At c = 0 the Lubchenko-Wolynes kernel (glassderive.numeric.heat_capacity, Adv. Chem.
    Phys. 136 (2007), Eq. (27)) is the standard tunnelling model of this tutorial, exactly:
    its inner integral asinh(sqrt(e^L - 1)) at L = ln(t/tau_min) is ln((1 + sqrt(1-u))/sqrt u)
    = n(E, t)/Pbar of the tutorial (u = tau_min/t).  Checked by an mpmath quadrature over E
    of the tutorial's exported kernels (reduced units: tau_min(E) = E^-3 tanh(E/2T))."""
    from glassderive.numeric.heat_capacity import tls_heat_capacity

    schottky = d.kernel("schottky_heat_capacity")
    relaxed = d.kernel("relaxed_density")
    for T, t in [(0.05, 1e6), (0.3, 1e3), (0.01, 1e12)]:
        def integrand(E):
            u = float(mp.tanh(E / (2 * T)) / E**3) / t
            if u >= 1:                    # no TLS of this E has relaxed within t
                return mp.mpf(0)
            return mp.mpf(float(schottky(float(E), T))) * float(relaxed(u, 1.0))
        # below the threshold tau_min(E) = t nothing has relaxed; a sqrt edge there
        E0 = mp.findroot(lambda E: mp.log(mp.tanh(E / (2 * T))) - 3 * mp.log(E) - mp.log(t),
                         (mp.mpf("1e-8"), mp.mpf(10)), solver="illinois")
        ref = mp.quad(integrand, [E0, 1.01 * E0, 2 * E0, 2 * T, 10 * T, 60 * T])
        got = tls_heat_capacity(T, t, 0.0)
        assert abs(got - float(ref)) <= 1e-9 * float(ref), (T, t, got, ref)
