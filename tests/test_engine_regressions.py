"""Escapes found by `glassderive mutate` on the shipped derivations, each pinned by a test that
fails on the old engine."""

import sympy as sp

from glassderive.verify import Extremum, NumericValue


def test_extremum_below_zero_of_a_positive_variable():
    # U written in a positive x, minimum claimed at a negative point: the term magnitudes of
    # U' were simplified under x > 0 (|x^3| -> x^3), the scale went negative and any root passed
    x = sp.Symbol("x", positive=True)
    a = sp.Symbol("a", positive=True)
    U = x**4 / 4 - a * x**2 / 2
    good = Extremum("minus", U, x, -sp.sqrt(a), domain={a: sp.Interval(1, 2)})
    assert good.check().status == "pass"
    for wrong in (-sp.sqrt(a) * sp.Rational(7, 10), -a ** sp.Rational(7, 20)):
        assert Extremum("minus", U, x, wrong, domain={a: sp.Interval(1, 2)}).check().status \
            == "fail"


def test_stated_digits_window_follows_the_claim():
    # a claim printed as "2e-4" (one digit) whose value is edited to 2.6e-4 is no longer a
    # one-digit number: it used to pass with the window of the old value (+-25 %)
    ok = NumericValue("v", sp.Float("2.08e-4"), sp.Float("2e-4"), digits=1)
    assert ok.check().status == "pass"
    bad = NumericValue("v", sp.Float("2.08e-4"), sp.Float("2e-4"), digits=1)
    bad.value = sp.Float("2.6e-4")
    res = bad.check()
    assert res.status == "fail" and "significant digit" in res.detail
    # and 3e-4, one digit, has the window 2.5e-4 .. 3.5e-4
    assert NumericValue("v", sp.Float("2.08e-4"), sp.Float("3e-4"), digits=1).check().status \
        == "fail"


# -- holes found while writing the tutorial derivation and reviewing the authoring API ------
import pytest  # noqa: E402

from glassderive import Asymptotic, Derivation, Equivalence, Identity, Jacobian  # noqa: E402

r_ = sp.Symbol("r", positive=True)
c_ = sp.Symbol("c", positive=True)
z_ = sp.Symbol("z", positive=True)


def test_integrable_singularity_at_the_upper_end():
    # 1/sqrt(1 - r) at r = 1: a tanh-sinh node rounds onto r = 1 (ZeroDivisionError before)
    lhs = sp.Integral(c_ / sp.sqrt(1 - r_), (r_, 0, 1))
    dom = {c_: sp.Interval(1, 2)}
    assert Identity("end", lhs, 2 * c_, domain=dom).check().status == "pass"
    bad = Identity("end", lhs, 2 * c_ * sp.Rational(1001, 1000), domain=dom).check()
    assert bad.status == "fail"


def test_cancellation_is_not_an_error_but_a_small_difference_is():
    # SymPy writes d/dz tanh as 1 - tanh^2: nothing is left of it at 40 digits for z > 46
    dom = {z_: sp.Interval(40, 100)}
    ok = Identity("sech2", sp.Derivative(sp.tanh(z_), z_), 1 / sp.cosh(z_)**2, domain=dom)
    res = ok.check()
    assert res.status == "pass", res.detail
    assert "cancellation" in res.detail
    for wrong in (sp.Rational(101, 100) / sp.cosh(z_)**2, 1 / sp.cosh(z_)**2 + sp.exp(-3 * z_)):
        assert Identity("sech2", sp.Derivative(sp.tanh(z_), z_), wrong,
                        domain=dom).check().status == "fail"
    # an exponentially small error is still caught where there is no cancellation
    x = sp.Symbol("x", positive=True)
    assert Identity("tiny", 1 + sp.exp(-200 * x), 1,
                    domain={x: sp.Interval(sp.Rational(1, 2), 1)}).check().status == "fail"


def test_high_order_asymptotic_claim_is_measurable():
    # cos x ~ 1 - x^2/2 has relative error x^4/24: 4e-34 at x = 1e-8 (below 40 digits)
    x = sp.Symbol("x", positive=True)
    good = Asymptotic("cos", sp.cos(x), 1 - x**2 / 2, x, 0, order=4).check()
    assert good.status == "pass", good.detail
    for p in (3, 5):
        assert Asymptotic("cos", sp.cos(x), 1 - x**2 / 2, x, 0, order=p).check().status == "fail"


def test_necessary_is_refused_where_it_is_not_tested():
    d = Derivation("nec", "t", "p", "(1)")
    with pytest.raises(ValueError, match="necessary= is tested only by Identity and Equivalence"):
        d.add(Jacobian("j", {r_: 2 * z_}, [z_], 2, necessary=[z_]))


@pytest.mark.parametrize("seed_name", ["edge-a", "edge-b", "edge-c"])
def test_equivalence_samples_the_edges_of_the_domain(seed_name):
    # the two conditions differ only on (1.985, 2] of (0, 2]: the uniform draw keeps 2 % away
    # from the ends and used to pass with 0 of 2000 points disagreeing
    x = sp.Symbol("x", positive=True)
    dom = {x: sp.Interval(0, 2)}
    step = Equivalence(seed_name, x > 1, sp.And(x > 1, x < sp.Rational(397, 200)), domain=dom)
    step.derivation_name = "edges"
    assert step.check().status == "fail"
    same = Equivalence(seed_name, x > 1, x > 1 + 0 * x, domain=dom)
    same.derivation_name = "edges"
    assert same.check().status == "pass"


def test_report_marks_steps_resting_on_a_failed_one():
    x = sp.Symbol("x", positive=True)
    d = Derivation("chain", "t", "p", "(1)")
    d.add(Identity("first", (x + 1)**2, x**2 + 2 * x + 2))        # wrong
    d.add(Identity("second", d.ref("first") - 1, x**2 + 2 * x + 1))  # right, given first
    d.add(Identity("third", d.ref("second"), (x + 1)**2))
    rep = d.verify()
    assert [s.status for s in rep.steps] == ["fail", "pass", "pass"]
    assert rep.upstream_failures() == {"second": ["first"], "third": ["first"]}
    assert "rests on failed: first" in str(rep)
    assert "rests on failed: first" in rep._repr_html_()


def test_output_looks_without_linking_and_kernels_follow_a_new_result():
    x = sp.Symbol("x", positive=True)
    d = Derivation("look", "t", "p", "(1)")
    d.add(Identity("sq", (x + 1)**2, x**2 + 2 * x + 1))
    assert d.output("sq") == x**2 + 2 * x + 1
    d.add(Identity("cube", x**3, x * x * x))
    assert d.step("cube").uses == ()
    d.result("f", d.ref("sq"), [x])
    assert float(d.kernel("f")(1.0)) == 4.0
    d.result("f", d.ref("cube"), [x])
    assert float(d.kernel("f")(2.0)) == 8.0
