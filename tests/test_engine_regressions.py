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
