"""The speed-ups of the numeric engine change no outcome.

* integrals are compiled with the parts of the integrand that do not depend on the integration
  variable evaluated once per quadrature: the value equals that of the plain lambdified form,
  and an integrand whose invariant part fails still fails (as an error, never a pass);
* the sampler draws the same points as before (bounds taken once per call, not per draw).
"""

import random

import mpmath as mp
import pytest
import sympy as sp

from glassderive.verify import mpeval
from glassderive.verify.mpeval import mp_function, robust_quad
from glassderive.verify.sampling import _draw_interval, draw_inside

x, a, b, c = sp.symbols("x a b c", positive=True)


def _plain(expr, args):
    e, names = mpeval.safe_names(mpeval._prepare(expr), tuple(args))
    return sp.lambdify(names, e, modules=[{"quad": robust_quad}, "mpmath"])


@pytest.mark.parametrize("expr", [
    sp.Integral(sp.sqrt(3) * a**2 * x**3 / (sp.pi * sp.sqrt(b) * (c**2 + (a * x**2 - b) ** 2 / 27)),
                (x, 0, 1)),
    sp.Integral(sp.exp(-(x - a) ** 2 / 2 - (b * x**2 + c) ** 2 / 2), (x, -sp.oo, sp.oo)),
    a * sp.Integral(1 / sp.sqrt(a * x**2 + b), (x, 0, c)) + sp.Integral(x * b, (x, 0, a)),
])
def test_hoisted_integral_equals_the_plain_form(expr):
    args = (a, b, c)
    fast, plain = mp_function(expr, args), _plain(expr, args)
    with mp.workdps(40):
        for vals in [(mp.mpf("0.7"), mp.mpf("1.3"), mp.mpf("0.4")),
                     (mp.mpf("2.1"), mp.mpf("0.2"), mp.mpf("1.9"))]:
            u, v = fast(*vals), plain(*vals)
            assert abs(u - v) <= mp.mpf(10) ** -35 * abs(v)


def test_invariant_inner_integral_is_computed_once_and_right():
    # (the plain form redoes the inner quadrature at every node of the outer one: minutes)
    y = sp.Symbol("y", positive=True)
    f = mp_function(sp.Integral(x * sp.Integral(sp.exp(-a * y), (y, 0, 1)), (x, 0, b)), (a, b))
    with mp.workdps(40):
        av, bv = mp.mpf("0.7"), mp.mpf("1.3")
        exact = bv**2 / 2 * (1 - mp.exp(-av)) / av
        assert abs(f(av, bv) / exact - 1) < mp.mpf(10) ** -30


def test_invariant_part_that_is_complex_gives_the_plain_value():
    # log(a - b) < 0 inside: complex, computed once instead of at every node, same value
    expr = sp.Integral(x * sp.log(a - b), (x, 0, 1))
    f, g = mp_function(expr, (a, b)), _plain(expr, (a, b))
    with mp.workdps(40):
        u, v = f(mp.mpf(1), mp.mpf(2)), g(mp.mpf(1), mp.mpf(2))
        assert abs(u - v) <= mp.mpf(10) ** -35 * abs(v)


def test_draws_are_unchanged():
    dom = {a: sp.Interval.open(0, 1), b: sp.Interval.open(0, sp.oo), c: sp.Interval(-2, 5)}
    pts = draw_inside(dom, 50, 1234, None, [a, b, c])
    rng = random.Random(1234)
    for p in pts:
        for s in (a, b, c):
            assert p[s] == mp.mpf(_draw_interval(rng, dom[s]))
