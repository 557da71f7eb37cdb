"""Sea-gull DOS kernels against mpmath quadrature (SciPy-special style: sweeps over decades,
random points, regime switches), the Boson peak, the thermal kernel, and the Monte Carlo."""

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import example, given, target
from hypothesis import strategies as st

from glassderive.numeric import seagull as sg
from glassderive.verify import references as ref_

BRANCHES = ["I", "II", "III", "total"]


@pytest.mark.parametrize("branch", BRANCHES)
def test_reduced_dos_sweep_against_mpmath(branch):
    """Relative error <= 1e-12 at log-spaced x over 1e-8 .. 1e8 (reference: 30-digit quad)."""
    xs = np.logspace(-8, 8, 33)
    got = sg.reduced_dos(xs, branch)
    for x, g in zip(xs, got):
        ref = ref_.reduced_dos_reference(x, branch, dps=30)
        assert abs(g - float(ref)) <= 1e-12 * float(ref), (x, g, ref)


@given(logx=st.floats(-8, 8), branch=st.sampled_from(BRANCHES))
@example(logx=0.0, branch="total").via("the Boson-peak region")
@example(logx=math.log10(2 / 3) / 3, branch="II").via("lam^2 = 2/3")
def test_reduced_dos_random_points(logx, branch):
    x = 10.0**logx
    got = float(sg.reduced_dos(x, branch))
    ref = float(ref_.reduced_dos_reference(x, branch, dps=30))
    err = abs(got - ref) / ref
    target(err)
    assert err <= 1e-12


def test_reference_is_self_consistent():
    """The mpmath reference agrees with itself at 30 and 45 digits (Arb's two-precision idea)."""
    for x in (1e-6, 0.7, 1.0, 3.0, 1e6):
        for br in BRANCHES:
            a = ref_.reduced_dos_reference(x, br, dps=30)
            b = ref_.reduced_dos_reference(x, br, dps=45)
            assert abs(a - b) <= mp.mpf(10) ** -25 * abs(b)


@pytest.mark.parametrize("branch", BRANCHES)
@pytest.mark.parametrize("switch", [sg.X_SMALL, sg.X_SERIES, sg.X_LARGE])
def test_no_jump_at_the_regime_switch(branch, switch):
    below = switch * (1 - 1e-9)
    above = switch * (1 + 1e-9)
    v1, v2 = sg.reduced_dos(np.array([below, above]), branch)
    power = {sg.X_SMALL: sg._SMALL_POWER[branch], sg.X_LARGE: 1}.get(switch, 0)
    if switch == sg.X_SERIES:  # a smooth function: compare the two formulas at the same point
        a, b = sg.BRANCHES[branch]
        if branch != "III":
            lam = np.array([switch**3])
            series = sg._series(lam**2, branch)[0]
            closed = sg._t_integral_fast(lam, a, b)[0]
            assert abs(series / closed - 1) < 1e-15
        return
    # the function is smooth: the two sides differ by the derivative step only
    expected_ratio = (above / below) ** power
    assert abs(v2 / v1 / expected_ratio - 1) < 1e-13
    ref = float(ref_.reduced_dos_reference(switch, branch, dps=30))
    assert abs(float(sg.reduced_dos(switch, branch)) / ref - 1) < 1e-12


@pytest.mark.parametrize("branch", ["I", "II", "total"])
def test_series_coefficients_against_quadrature(branch):
    """c_n = (-1)^n int q^(2n) dt of the small-x series, against mpmath quadrature."""
    a, b = sg.BRANCHES[branch]
    with mp.workdps(30):
        A = mp.sqrt(mp.mpf(3) / 2) if a == sg.SQRT32 else mp.mpf(a)
        B = mp.sqrt(mp.mpf(3) / 2) if b == sg.SQRT32 else mp.mpf(b)
        for n, c in enumerate(sg._SERIES[branch][:8]):
            ref = (-1) ** n * mp.quad(lambda t: (3 * t - 2 * t**3) ** (2 * n), [A, B])
            assert abs(c - float(ref)) <= 1e-14 * abs(float(ref))


def test_limits_beyond_the_range():
    assert sg.reduced_dos(0.0) == 0.0
    assert sg.reduced_dos(1e-200, "III") == 0.0     # 2^(5/3) 1e-600 underflows
    assert sg.reduced_dos(1e300) == pytest.approx(3e300, rel=1e-15)
    assert sg.reduced_dos(1e300, "I") == pytest.approx(2e300, rel=1e-15)
    assert sg.reduced_dos(1e-50, "total") == pytest.approx(12 / math.pi * math.sqrt(1.5) * 1e-200,
                                                           rel=1e-15)
    assert np.all(np.isfinite(sg.reduced_dos(np.logspace(-300, 300, 1001))))


@pytest.mark.parametrize("branch", BRANCHES)
def test_t_integral_over_the_whole_double_range(branch):
    """The public t-integral uses the kernel's regimes: finite from the smallest to the largest
    double, and equal to the mpmath reference inside."""
    lam = np.array([5e-324, 1e-300, 1e-90, 1e-30, 1e-3, 0.1, 1.0, 10.0, 1e30, 1e90, 1e300, 1e308])
    got = sg.t_integral(lam, branch)
    assert np.all(np.isfinite(got)) and np.all(got > 0)
    for l, g in zip(lam[2:-3], got[2:-3]):
        ref = float(ref_.t_integral_reference(l, branch, dps=30))
        assert abs(g - ref) <= 1e-12 * ref
    with pytest.raises(ValueError, match="lam"):
        sg.t_integral(0.0, branch)


def test_vectorised_shapes():
    x = np.logspace(-2, 2, 12).reshape(3, 4)
    out = sg.reduced_dos(x, "III")
    assert out.shape == (3, 4)
    np.testing.assert_array_equal(out.ravel(), sg.reduced_dos(x.ravel(), "III"))
    assert np.ndim(sg.reduced_dos(1.0)) == 0


def test_branches_add_up():
    x = np.logspace(-5, 5, 50)
    np.testing.assert_allclose(sg.reduced_dos(x, "I") + sg.reduced_dos(x, "II"),
                               sg.reduced_dos(x, "total"), rtol=1e-14)


@pytest.mark.parametrize("bad,exc,match", [
    (-1.0, ValueError, "'x'.*>= 0"),
    (np.nan, ValueError, "'x' must be finite"),
    (np.inf, ValueError, "'x' must be finite"),
    (np.array([1.0, -1e-300]), ValueError, "'x'"),
    ("abc", TypeError, "'x'"),
])
def test_bad_input(bad, exc, match):
    with pytest.raises(exc, match=match):
        sg.reduced_dos(bad)


def test_unknown_branch_and_overflow():
    with pytest.raises(ValueError, match="branch must be one of"):
        sg.reduced_dos(1.0, "IV")
    with pytest.raises(OverflowError):
        sg.reduced_dos(1.7e308)


def test_boson_peak_against_mpmath():
    """x_b and g/omega^2 at the peak to >= 12 digits, against an mpmath maximisation
    (derivative under the integral sign by quadrature, findroot at 30 digits)."""
    x_b, value = sg.boson_peak()
    with mp.workdps(30):
        ref_x = ref_.boson_peak_position_reference(30)
        ref_v = ref_.reduced_dos_reference(ref_x, "total", dps=30) / ref_x**2
        assert abs(x_b - ref_x) <= 1e-12 * ref_x
        assert abs(value - ref_v) <= 1e-12 * ref_v
    # the paper's claim (Fig. 3): omega_b ~ omega*
    assert abs(x_b - 1) < 0.02


@pytest.mark.parametrize("x", [1e-6, 1e-2, 0.5, 1.0, 3.0, 30.0, 1e4])
@pytest.mark.parametrize("theta", [1e-8, 1e-3, 1.0, 1e3, 1e9])
def test_thermal_kernel_against_mpmath(x, theta):
    got = float(sg.thermal_reduced_dos_III(x, theta))
    ref = float(ref_.thermal_reduced_dos_III_reference(x, theta))
    assert abs(got - ref) <= 1e-10 * ref


def test_thermal_kernel_limits():
    x = np.logspace(-3, 3, 13)
    # T >> T*: equal populations, half of branch III
    np.testing.assert_allclose(sg.thermal_reduced_dos_III(x, 1e30), sg.reduced_dos(x, "III") / 2,
                               rtol=1e-9)
    # monotone in temperature
    th = np.logspace(-6, 6, 25)
    vals = sg.thermal_reduced_dos_III(1.0, th)
    assert np.all(np.diff(vals) > 0)


def test_thermal_kernel_low_temperature_law():
    """Corrected (5.31): for x -> 0 and then theta -> 0, reduced g~_III ->
    (12/pi) x^3 (theta / (3 C_T / 4))^(1/4) c/4, c = (1 - 2^(3/4)) Gamma(1/4) zeta(1/4);
    relative corrections O(theta^(3/2)) + O(x theta^(-1/4))."""
    c = float((1 - mp.mpf(2) ** 0.75) * mp.gamma(0.25) * mp.zeta(0.25))
    x = 1e-9
    errs = []
    for theta in (1e-2, 1e-3, 1e-4):
        law = 12 / math.pi * x**3 * (theta / (0.75 * sg.C_TSTAR)) ** 0.25 * c / 4
        errs.append(abs(float(sg.thermal_reduced_dos_III(x, theta)) / law - 1))
    rates = [math.log10(a / b) for a, b in zip(errs, errs[1:])]
    assert all(abs(r - 1.5) < 0.1 for r in rates), (errs, rates)


def test_energy_difference_against_direct_minimisation():
    rng = np.random.default_rng(3)
    for phi in np.concatenate([[0.0, 1e-12, 0.5, 1 - 1e-12, 1.0], rng.random(20)]):
        with mp.workdps(40):
            c = 2 * mp.mpf(phi) / (3 * mp.sqrt(3))
            roots = sorted(mp.re(r) for r in mp.polyroots([1, 0, -1, -c], maxsteps=200,
                                                            extraprec=200))
            u = lambda y: -c * y - y**2 / 2 + y**4 / 4
            ref = u(roots[0]) - u(roots[-1])
        got = float(sg.minima_energy_difference(phi))
        assert abs(got - float(ref)) <= 1e-14 * max(float(ref), 1e-300) + 1e-300
    with pytest.raises(ValueError, match="phi"):
        sg.minima_energy_difference(1.5)


def test_thermal_bad_input():
    with pytest.raises(ValueError, match="theta"):
        sg.thermal_reduced_dos_III(1.0, 0.0)
    with pytest.raises(ValueError, match="'x'"):
        sg.thermal_reduced_dos_III(-1.0, 1.0)


@pytest.fixture(scope="module")
def mc():
    return sg.sea_gull_monte_carlo(10_000_000, seed=2007)


@pytest.mark.parametrize("branch", BRANCHES)
def test_monte_carlo_agrees_with_kernel(mc, branch):
    """Chi-square of the Monte Carlo histogram against the kernel, bin by bin."""
    c2, dof, p = mc.chi2(branch)
    assert dof >= 15
    assert p > 1e-3, mc.summary()


def test_monte_carlo_rejects_a_wrong_model(mc):
    for branch in BRANCHES:
        assert mc.chi2(branch, scale=1.05)[2] < 1e-6
    # branch III is not branch II
    c2, dof, p = mc.chi2("II")
    exp = mc.expected("III")
    assert np.sum((mc.counts["II"] - exp) ** 2 / exp) > 10 * c2


def test_monte_carlo_bad_input():
    with pytest.raises(ValueError):
        sg.sea_gull_monte_carlo(0)
    with pytest.raises(ValueError):
        sg.sea_gull_monte_carlo(10, k_max=-1)


@pytest.mark.parametrize("theta", [1e-40, 1e-3, 1.0, 1e3, 1e300])
@pytest.mark.parametrize("switch", [sg.X_SMALL, sg.X_LARGE])
def test_thermal_kernel_no_jump_at_the_switch(theta, switch):
    below, above = switch * (1 - 1e-9), switch * (1 + 1e-9)
    v1, v2 = sg.thermal_reduced_dos_III(np.array([below, above]), theta)
    # the function grows at most like x^3 there: a 2e-9 step in x changes it by < 6e-9
    assert abs(v2 / v1 - 1) < 1e-8


def test_thermal_kernel_extremes_are_finite():
    x = np.logspace(-300, 300, 61)
    for theta in (1e-300, 1e-10, 1.0, 1e300):
        out = sg.thermal_reduced_dos_III(x, theta)
        assert np.all(np.isfinite(out)) and np.all(out >= 0)
    # theta -> oo: half of branch III everywhere
    np.testing.assert_allclose(sg.thermal_reduced_dos_III(x[10:-10], 1e300),
                               sg.reduced_dos(x[10:-10], "III") / 2, rtol=1e-9)


def _boson_peak_height_by_counting(x, dps=30):
    """g_tot(omega)/omega^2 in units n0 M Phi(0)/omega* at omega = x omega*, from the count of
    minima below the frequency Omega and its numerical derivative -- not from the delta
    function, the t-substitution or the kernel.  M = A = 1 and delta_f = 1/(3 sqrt 3), so that
    omega* = sqrt(3) A^(1/6) delta_f^(1/3)/sqrt(M) = 1.  At fixed k the minimum x0 (k > 0; the
    lower one for k < 0) stiffens as |f| grows, M omega^2 = k + 3 A x0^2, f = A x0^3 + k x0:
    its frequency is below Omega iff |f| is below the force at x0 = sqrt((Omega^2 - k)/3), a
    Lorentzian probability (2/pi) atan(f/delta_f); k runs over (0, Omega^2) and, for the lower
    minimum of k < 0, over (-Omega^2/2, 0)."""
    with mp.workdps(dps + 15):
        df = 1 / (3 * mp.sqrt(3))

        def count(Om):
            def p(k):
                x0 = mp.sqrt((Om**2 - k) / 3)
                return 2 / mp.pi * mp.atan((x0**3 + k * x0) / df)
            return mp.quad(p, [-Om**2 / 2, 0, Om**2])
        return +(mp.diff(count, mp.mpf(x)) / mp.mpf(x) ** 2)


def test_boson_peak_height_against_counting():
    """The height of the Boson peak of Fig. 3 (Parshin, Schober, Gurevich 2007; the paper
    prints no number): the step `boson-peak-height` of sea-gull-dos, its stated value and the
    kernel's `boson_peak().value` against the derivative of the cumulative count of minima."""
    import glassderive
    with mp.workdps(30):
        x_b = ref_.boson_peak_position_reference(30)
        h_b = _boson_peak_height_by_counting(x_b)
        step = glassderive.get("sea-gull-dos").step("boson-peak-height")
        assert abs(mp.mpf(str(step.value)) - h_b) < mp.mpf(10) ** -25 * h_b
        # it is the maximum: the count's derivative is lower on either side
        for dx in (mp.mpf("-1e-3"), mp.mpf("1e-3")):
            assert _boson_peak_height_by_counting(x_b + dx, 20) < h_b
    assert sg.boson_peak().value == pytest.approx(float(h_b), rel=1e-12)
    # 0.873 of the linear law 3 n0 M Phi(0) omega (5.21) at the peak, h = 3/x_b
    assert float(h_b * x_b / 3) == pytest.approx(0.8728, abs=1e-4)


def test_tls_density_from_boson_peak_constant():
    """c = 32 6^(5/6) x_b^2/(pi h_b) of P = c L^(-2/3) (W/hbar omega_b)^4 g_tot(omega_b)/hbar,
    with x_b and h_b from the counting above; the step's stated value within its 1e-9."""
    import glassderive
    with mp.workdps(30):
        x_b = ref_.boson_peak_position_reference(30)
        c = 32 * mp.mpf(6) ** (mp.mpf(5) / 6) * x_b**2 / (mp.pi * _boson_peak_height_by_counting(x_b))
    step = glassderive.get("sea-gull-dos").step("tls-density-from-boson-peak-constant")
    assert float(step.value) == pytest.approx(float(c), rel=1e-10)
