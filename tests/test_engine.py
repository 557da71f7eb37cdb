"""The derivation engine: every step kind passes what is true and reports what is false."""

import mpmath as mp
import pytest
import sympy as sp

from glassderive.verify import (Asymptotic, Condition, Derivation, Equivalence, Identity,
                                Jacobian, Kind, NumericValue)

x, y = sp.symbols("x y", real=True)
r, th = sp.symbols("r theta", real=True)
pos = {x: sp.Interval.open(0, sp.oo)}


def check(step):
    step.derivation_name = "test"
    return step.check()


class TestIdentity:
    def test_true_identity_passes_symbolically_and_numerically(self):
        res = check(Identity("sq", (x + y) ** 2, x**2 + 2 * x * y + y**2))
        assert res.ok and res.method.startswith("symbolic+numeric")
        assert res.residual < 1e-30

    def test_wrong_constant_fails_with_residual(self):
        res = check(Identity("sq", (x + y) ** 2, x**2 + 3 * x * y + y**2))
        assert res.status == "fail" and res.residual > 1e-3
        assert "lhs != rhs at" in res.detail

    def test_zero_side_is_measured_against_its_terms(self):
        assert check(Identity("pyth", sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1, 0, symbolic=False)).ok
        bad = check(Identity("pyth", sp.sin(x) ** 2 + sp.cos(x) ** 2 - sp.Float("1.001"), 0,
                             symbolic=False))
        assert not bad.ok and bad.residual > 1e-4

    def test_assumption_needed_is_confirmed_outside(self):
        # Fungrim's example: sqrt(x^2) = x holds for x > 0 and fails just outside
        res = check(Identity("root", sp.sqrt(x**2), x, domain=pos, necessary=[x]))
        assert res.ok
        assert "needed: fails outside" in res.detail

    def test_relation_fails_without_its_assumption(self):
        res = check(Identity("root", sp.sqrt(x**2), x))
        assert not res.ok

    def test_unneeded_assumption_is_reported(self):
        res = check(Identity("sq", (x + 1) ** 2, x**2 + 2 * x + 1, domain=pos, necessary=[x]))
        assert not res.ok and "also holds outside" in res.detail

    def test_integral_checked_by_quadrature(self):
        a = sp.symbols("a", positive=True)
        step = Identity("gauss", sp.Integral(sp.exp(-a * x**2), (x, -sp.oo, sp.oo)),
                        sp.sqrt(sp.pi / a), domain={a: sp.Interval.open(0, sp.oo)})
        res = check(step)
        assert res.ok and "quadrature" in res.method and step.kind is Kind.INTEGRAL
        bad = check(Identity("gauss", sp.Integral(sp.exp(-a * x**2), (x, -sp.oo, sp.oo)),
                             sp.sqrt(sp.pi / (2 * a)), domain={a: sp.Interval.open(0, sp.oo)}))
        assert not bad.ok

    def test_precision_below_30_digits_is_refused(self):
        with pytest.raises(ValueError, match="dps"):
            Identity("x", x, x, dps=20)

    def test_crashing_check_is_an_error_not_a_pass(self):
        f = sp.Function("f")
        res = check(Identity("undefined", f(x), x))
        assert res.status == "error" and not res.ok


class TestJacobian:
    def test_polar_coordinates(self):
        step = Jacobian("polar", {x: r * sp.cos(th), y: r * sp.sin(th)}, (r, th), sp.Abs(r))
        res = check(step)
        assert res.ok and "finite-difference" in res.method

    def test_wrong_jacobian_fails(self):
        res = check(Jacobian("polar", {x: r * sp.cos(th), y: r * sp.sin(th)}, (r, th), r**2))
        assert not res.ok


class TestAsymptotic:
    def test_sin_over_x_with_correct_order(self):
        res = check(Asymptotic("sin", sp.sin(x), x, x, 0, order=2))
        assert res.ok, res.detail

    def test_wrong_order_is_caught(self):
        res = check(Asymptotic("sin", sp.sin(x), x, x, 0, order=1))
        assert not res.ok and "measured order 2.0" in res.detail

    def test_wrong_leading_term_is_caught(self):
        res = check(Asymptotic("sin", sp.sin(x), 2 * x, x, 0, order=2))
        assert not res.ok

    def test_limit_at_infinity(self):
        # atan(x) = pi/2 - 1/x + ..., relative error O(1/x)
        res = check(Asymptotic("atan", sp.atan(x), sp.pi / 2, x, sp.oo, order=1))
        assert res.ok, res.detail

    def test_bad_limit_rejected(self):
        with pytest.raises(ValueError):
            Asymptotic("bad", x, x, x, 1, order=1)


class TestNumericValue:
    def test_value_with_paper_precision(self):
        assert check(NumericValue("pi", sp.pi, sp.Float("3.14159"), rel_tol=1e-5)).ok
        assert not check(NumericValue("pi", sp.pi, sp.Float("3.15"), rel_tol=1e-5)).ok

    def test_integral_value(self):
        # the "1.07" of Parshin, Schober, Gurevich 2007 (5.31): int_0^oo dy y^(-1/2) / (1 + e^y) = sqrt(pi) (1 - sqrt 2) zeta(1/2)
        yv = sp.symbols("y", positive=True)
        integral = sp.Integral(1 / (sp.sqrt(yv) * (1 + sp.exp(yv))), (yv, 0, sp.oo))
        exact = sp.sqrt(sp.pi) * (1 - sp.sqrt(2)) * sp.zeta(sp.Rational(1, 2))
        assert check(NumericValue("fermi", integral, exact, rel_tol=1e-20)).ok
        assert not check(NumericValue("fermi", integral, sp.Float("1.07"), rel_tol=1e-4)).ok

    def test_unbound_symbol_refused(self):
        with pytest.raises(ValueError, match="no value"):
            NumericValue("v", x + 1, 2)


class TestEquivalence:
    def test_true_equivalence(self):
        step = Equivalence("unit", x**2 < 1, sp.Abs(x) < 1, domain={x: sp.Interval.open(-3, 3)})
        assert check(step).ok

    def test_numeric_condition_and_wrong_threshold(self):
        cond = Condition(lambda p: abs(p[x]) < 1, "|x| < 1", (x,))
        dom = {x: sp.Interval.open(-3, 3)}
        assert check(Equivalence("unit", x**2 < 1, cond, domain=dom)).ok
        res = check(Equivalence("unit", x**2 < sp.Rational(3, 2), cond, domain=dom))
        assert not res.ok and res.residual > 0

    def test_vacuous_sample_fails(self):
        res = check(Equivalence("vac", x**2 < 100, sp.Abs(x) < 10,
                                domain={x: sp.Interval.open(-3, 3)}))
        assert not res.ok and "vacuous" in res.detail


class TestDerivation:
    def make(self):
        d = Derivation("toy", "Toy", "nobody", "(1)")
        d.add(Identity("square", (x + 1) ** 2, x**2 + 2 * x + 1, eq="(1)"))
        d.result("square", x**2 + 2 * x + 1, (x,), {x: sp.Interval(-sp.oo, sp.oo)})
        return d

    def test_verify_and_corrupt(self):
        d = self.make()
        rep = d.verify()
        assert rep.ok and rep.passed == 1 and rep["square"].ok
        bad = d.corrupt("square").verify()
        assert not bad.ok and bad.failures[0].step == "square"
        assert d.verify().ok  # corrupting made a copy

    def test_unknown_step_and_duplicate(self):
        d = self.make()
        with pytest.raises(KeyError, match="square"):
            d.corrupt("nope")
        with pytest.raises(ValueError, match="two steps named"):
            d.add(Identity("square", x, x))

    def test_result_arguments_checked(self):
        d = self.make()
        with pytest.raises(ValueError, match="not among its arguments"):
            d.result("bad", x * y, (x,))

    def test_latex_has_one_align_with_a_line_per_step(self):
        tex = self.make().latex()
        assert tex.count("\\begin{align*}") == 1 and tex.count("\\end{align*}") == 1
        assert "\\text{algebra" in tex and "\\tag*{(1)}" in tex

    def test_reference_is_mpmath(self):
        ref = self.make().reference("square", dps=50)
        with mp.workdps(50):
            third = mp.mpf(1) / 3
            v = ref(third)
            assert isinstance(v, mp.mpf)
            assert abs(v - (mp.mpf(4) / 3) ** 2) < mp.mpf(10) ** -45


def test_multiple_integrals_are_refused_clearly():
    a = sp.symbols("a", positive=True)
    step = Identity("double", sp.Integral(sp.Integral(x * y, (y, 0, x)), (x, 0, a)), a**3 / 6,
                    domain={a: sp.Interval.open(0, 1)})
    res = check(step)
    assert res.status == "error" and "multiple integrals" in res.detail
