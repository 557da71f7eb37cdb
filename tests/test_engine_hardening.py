"""The escape classes of the verifier (issue: verification a theorist can trust), each with a
test that fails on the old behaviour.  Probes run on several seeds (the seed of a step comes
from its derivation and step names)."""

import math

import mpmath as mp
import pytest
import sympy as sp

from glassderive.verify import (Asymptotic, Derivation, Identity, Jacobian, NumericValue)

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", positive=True)
SEEDS = [f"seed-{i}" for i in range(6)]


def _check(step, seed="probe"):
    step.derivation_name = seed
    step.validate()
    return step.check()


# -- the three probes of the issue ---------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("lo", [-0.05, -0.01, -0.2])
def test_sqrt_of_square_is_not_x_on_a_domain_reaching_below_zero(seed, lo):
    """sqrt(x^2) = x is wrong on the part x < 0 (1-5 % of the domain): must fail every seed."""
    st = Identity("sqrt-square", sp.sqrt(x**2), x, domain={x: sp.Interval.open(lo, 1)})
    res = _check(st, seed)
    assert res.status == "fail", res.line()


@pytest.mark.parametrize("seed", SEEDS)
def test_sqrt_of_square_is_x_on_the_positive_axis(seed):
    st = Identity("sqrt-square-ok", sp.sqrt(x**2), x, domain={x: sp.Interval.open(0, 1)})
    assert _check(st, seed).status == "pass"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("rate", [200, 700])
def test_exponentially_small_difference_is_not_zero(seed, rate):
    """1 + exp(-rate x) = 1 on (1/2, 1): the difference is e^-100 .. e^-700, below 40 digits."""
    st = Identity("tiny-term", 1 + sp.exp(-rate * x), 1,
                  domain={x: sp.Interval.open(sp.Rational(1, 2), 1)})
    res = _check(st, seed)
    assert res.status == "fail", res.line()
    assert "digits the residual" in res.detail


def test_true_identity_with_an_exponentially_small_term_passes():
    st = Identity("tiny-ok", 1 + sp.exp(-200 * x) * (1 + sp.exp(-x)),
                  1 + sp.exp(-200 * x) + sp.exp(-201 * x),
                  domain={x: sp.Interval.open(sp.Rational(1, 2), 1)})
    assert _check(st).status == "pass"


@pytest.mark.parametrize("seed", SEEDS)
def test_sampling_respects_sympy_assumptions(seed):
    """A positive symbol with no domain is never drawn negative: sqrt(y^2) = y holds."""
    st = Identity("positive-by-assumption", sp.sqrt(y**2), y)
    res = _check(st, seed)
    assert res.status == "pass", res.line()
    pts = st._points()
    assert all(p[y] > 0 for p in pts)


def test_domain_is_intersected_with_assumptions():
    st = Identity("dom", sp.sqrt(y**2), y, domain={y: sp.Interval(-5, 5)})
    dom = st.effective_domain()
    assert dom[y] == sp.Interval.Lopen(0, 5)


def test_symbol_without_domain_or_assumptions_is_an_error_at_build():
    z = sp.Symbol("z")
    d = Derivation("t", "t", "p", "1")
    with pytest.raises(ValueError, match="symbol z has no domain"):
        d.add(Identity("nodomain", z + 1, 1 + z))


def test_empty_domain_is_an_error_at_build_naming_the_symbol():
    d = Derivation("t", "t", "p", "1")
    with pytest.raises(ValueError, match="domain of y is empty"):
        d.add(Identity("empty", y, y, domain={y: sp.Interval(-2, -1)}))
    with pytest.raises(ValueError, match="domain of x is empty"):
        d.add(Identity("empty2", x, x, domain={x: sp.Interval(2, 1)}))


def test_contradictory_where_is_an_error_at_build():
    d = Derivation("t", "t", "p", "1")
    with pytest.raises(ValueError, match="contradictory"):
        d.add(Identity("contra", x + y, y + x, domain={x: sp.Interval(0, 1)},
                       where=sp.And(x > 2, y > 0)))


# -- NumericValue -----------------------------------------------------------------------------

@pytest.mark.parametrize("claim,digits", [(0.48, 2), (60, 2), (350, 2), (1.5, 2), (7.4e-9, 2)])
@pytest.mark.parametrize("off", [1.10, 0.90, 1.3, 0.7])
def test_value_ten_percent_off_a_two_digit_claim_fails(claim, digits, off):
    st = NumericValue("v", sp.Float(claim, 30) * sp.nsimplify(off), sp.Float(claim, 30),
                      digits=digits)
    assert _check(st).status == "fail"


@pytest.mark.parametrize("claim,digits,got", [(0.48, 2, 0.4849), (0.48, 2, 0.4751),
                                               (60, 2, 60.4), (2.0104, 5, 2.01044)])
def test_value_within_half_a_unit_of_the_last_digit_passes(claim, digits, got):
    st = NumericValue("v", sp.Float(got, 30), sp.Float(claim, 30), digits=digits)
    assert _check(st).status == "pass"


def test_relative_tolerance_is_symmetric_around_the_claim():
    """|got - claim| / |claim|: the window is claim (1 +- tol), the same on both sides."""
    for got in (sp.Rational(100), sp.Rational(160)):
        st = NumericValue("v", got, sp.Rational(128), rel_tol=0.2)
        assert _check(st).status == "fail"
    for got in (sp.Rational(103), sp.Rational(153)):
        st = NumericValue("v", got, sp.Rational(128), rel_tol=0.2)
        assert _check(st).status == "pass"
    # the old max(|a|, |b|)-normalised window accepted got = 125 against claim 100 at 0.2
    st = NumericValue("v", sp.Rational(125), sp.Rational(100), rel_tol=0.2)
    assert _check(st).status == "fail"


def test_order_of_magnitude_claim_on_log10():
    ok = NumericValue("m", sp.Float("2.5e-4"), sp.Float("1e-4"), magnitude=True)
    assert _check(ok).status == "pass"
    bad = NumericValue("m", sp.Float("5e-4"), sp.Float("1e-4"), magnitude=True)
    assert _check(bad).status == "fail"
    neg = NumericValue("m", sp.Float("-1e-4"), sp.Float("1e-4"), magnitude=True)
    assert _check(neg).status == "fail"
    assert _check(ok.corrupted()).status == "fail"


# -- Asymptotic -------------------------------------------------------------------------------

LOG_CASES = [
    # exact error ~ x |ln x| as x -> 0
    (x * sp.log(1 / x), 1, 0, 1),
    # exact error ~ x^2 as x -> 0
    (x**2, 2, 0, 0),
    # error ~ x^-1 ln x as x -> oo
    (sp.log(x) / x, 1, sp.oo, 1),
]


@pytest.mark.parametrize("err,order,to,m", LOG_CASES)
@pytest.mark.parametrize("seed", SEEDS[:3])
def test_log_factor_is_checked(err, order, to, m, seed):
    expr = 1 + err
    good = Asymptotic("a", expr, sp.Integer(1), x, to, order=order, log_power=m,
                      domain={x: sp.Interval.open(0, sp.oo)})
    assert _check(good, seed).status == "pass", _check(good, seed).line()
    for wrong in (m - 1, m + 1):
        bad = Asymptotic("a", expr, sp.Integer(1), x, to, order=order, log_power=wrong,
                         domain={x: sp.Interval.open(0, sp.oo)})
        res = _check(bad, seed)
        assert res.status == "fail", res.line()


def test_exact_coincidence_is_not_an_asymptotic_claim():
    st = Asymptotic("exact", 2 * x, 2 * x, x, 0, order=1, domain={x: sp.Interval.open(0, 1)})
    res = _check(st)
    assert res.status == "fail" and "coincide" in res.detail
    st = Asymptotic("exact", 2 * x, 2 * x, x, 0, order=1, exact=True,
                    domain={x: sp.Interval.open(0, 1)})
    assert _check(st).status == "pass"


# -- linked steps and results by reference ---------------------------------------------------

def _chain(coef=1):
    a, b = sp.symbols("a b", positive=True)
    d = Derivation("linked", "t", "p", "1")
    d.add(Jacobian("jac", {a: b**2 / 2}, (b,), coef * b))
    d.add(Identity("use", sp.Integral(d.ref("jac"), (b, 0, 1)), sp.Rational(1, 2)))
    d.result("density", d.ref("jac"), (b,), {b: sp.Interval.open(0, sp.oo)})
    return d


def test_ref_links_steps_and_results():
    d = _chain()
    assert d.step("use").uses == ("jac",)
    assert d.result_info["density"].step == "jac"
    rep = d.verify()
    assert rep.ok, str(rep)
    assert rep["use"].uses == ("jac",)
    # a wrong coefficient in the verified step propagates to the step that uses it
    bad = _chain(2).verify()
    assert bad["jac"].status == "fail" and bad["use"].status == "fail"


def test_result_that_is_not_its_steps_expression_is_refused():
    d = _chain()
    b = sp.Symbol("b", positive=True)
    with pytest.raises(ValueError, match="not an expression verified by step"):
        d.result("wrong", 2 * b, (b,), step="jac")
    d.require_verified_results = True
    with pytest.raises(ValueError, match="names no verified step"):
        d.result("orphan", 3 * b, (b,))


def test_uses_must_name_an_earlier_step():
    d = Derivation("t", "t", "p", "1")
    with pytest.raises(ValueError, match="not an earlier step"):
        d.add(Identity("i", y, y), uses=("later",))


# -- Equivalence: the boundary itself is located --------------------------------------------

EQUIV = [("gurarie-chalker", "lowest-minimum-condition"),
         ("gurarie-chalker", "second-minimum-condition"),
         ("soft-potential-parameters", "double-well-boundary"),
         ("vibrational-instability", "instability")]


@pytest.mark.parametrize("name,step", EQUIV)
@pytest.mark.parametrize("seed", SEEDS[:3])
@pytest.mark.parametrize("factor", ["1.001", "0.999"])
def test_threshold_off_by_a_tenth_of_a_percent_fails_on_every_seed(name, step, seed, factor):
    import copy

    import glassderive

    st = copy.copy(glassderive.get(name).step(step))
    st.derivation_name = seed

    def shift(e):
        if isinstance(e, sp.Rel):
            return e.func(e.lhs, e.rhs * sp.Rational(factor))
        if isinstance(e, (sp.And, sp.Or)):
            return e.func(shift(e.args[0]), *e.args[1:])
        raise AssertionError(f"unexpected claim {e}")

    assert st.check().status == "pass"
    # shift the side that carries a nonzero threshold
    field = next(f for f in ("rhs", "lhs") if isinstance(getattr(st, f), sp.Rel)
                 and getattr(st, f).rhs != 0)
    bad = copy.copy(st)
    setattr(bad, field, shift(getattr(st, field)))
    res = bad.check()
    assert res.status == "fail", res.line()


# -- quadrature inside checks ----------------------------------------------------------------

@pytest.mark.parametrize("width", ["1e-3", "1e-5", "1e-7", "1e-12"])
def test_quadrature_resolves_a_narrow_interior_peak(width):
    """A Lorentzian of width 1e-3 .. 1e-12 inside [0, 1] (plain mpmath.quad is 2.5 % to 100 %
    wrong from 1e-3 down): the peak becomes a breakpoint, 30+ digits against atan."""
    from glassderive.verify.mpeval import robust_quad

    with mp.workdps(40):
        w, c = mp.mpf(width), mp.mpf("0.3712")
        exact = mp.atan((1 - c) / w) + mp.atan(c / w)
        got = robust_quad(lambda t: w / ((t - c) ** 2 + w**2), (0, 1))
        assert abs(got / exact - 1) < mp.mpf(10) ** -30


def test_quadrature_that_cannot_vouch_for_its_accuracy_raises():
    from glassderive.verify.mpeval import QuadratureError, robust_quad

    with mp.workdps(40):
        # oscillates without decay: mpmath's estimate is large, the check must not trust it
        with pytest.raises(QuadratureError):
            robust_quad(lambda t: mp.sin(t**2) * t, (0, mp.inf))


def test_integral_identity_with_an_untrustworthy_quadrature_is_an_error_not_a_pass():
    t = sp.Symbol("t", positive=True)
    st = Identity("osc", sp.Integral(sp.sin(t**2) * t, (t, 0, sp.oo)), sp.Rational(1, 2))
    res = _check(st)
    assert res.status == "error" and "QuadratureError" in res.detail


# -- claimed minima are real minima ------------------------------------------------------

def test_extremum_checks_realness_and_the_second_derivative():
    from glassderive.verify import Extremum

    k, A, f = sp.symbols("k A f", positive=True)
    u = sp.Symbol("u", real=True)
    U = -k * u**2 / 2 + A * u**4 / 4
    good = Extremum("minima", U, u, [sp.sqrt(k / A), -sp.sqrt(k / A)])
    assert _check(good).status == "pass"
    # the maximum at 0 claimed as a minimum
    assert _check(Extremum("max-as-min", U, u, 0)).status == "fail"
    assert _check(Extremum("max", U, u, 0, extremum="maximum")).status == "pass"
    # a complex critical point also has U' = 0: sign error under the root
    V = k * u**2 / 2 + A * u**4 / 4
    res = _check(Extremum("complex", V, u, sp.sqrt(-k / A)))
    assert res.status == "fail" and "not real" in res.detail
