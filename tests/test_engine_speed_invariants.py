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


# -- the gmpy2 (MPFR) quadrature path and the end points moved to 0 ---------------------------

def _mp_only(expr, args):
    """The old path: SymPy's mpmath lambdify, every Integral a robust_quad of mpmath."""
    return _plain(expr, args)


@pytest.mark.parametrize("expr", [
    sp.Integral(sp.exp(-a * x) * sp.sin(b * x) ** 2 / (1 + x**2), (x, 0, sp.oo)),
    sp.Integral(sp.cosh(a * x) / (1 + sp.exp(b * x)) * sp.tanh(x), (x, 0, 3)),
    sp.Integral(x ** sp.Rational(3, 2) * sp.exp(-x / a) * sp.log(1 + x), (x, 0, b)),
    sp.Integral(sp.sqrt(2) * b * sp.exp(-b**2 / (2 * x))
                / (2 * sp.sqrt(sp.pi) * x ** sp.Rational(3, 2)), (x, 0, sp.oo)),
])
def test_gmpy2_path_equals_the_mpmath_path(expr):
    """The same quadrature: equal to within mpmath's own error estimate of it (the slowly
    decaying Levy tail of the last one is only good to ~1e-23 either way)."""
    args = (a, b)
    fast, plain = mp_function(expr, args), _mp_only(expr, args)
    with mp.workdps(40):
        for vals in [(mp.mpf("0.7"), mp.mpf("1.3")), (mp.mpf("1.9"), mp.mpf("0.6"))]:
            mpeval.reset_quad_log()
            u = fast(*vals)
            est = max(mpeval.QUAD_LOG)
            v = plain(*vals)
            assert abs(u - v) <= max(mp.mpf(10) ** -35, 10 * est) * abs(v)
            assert est < 1e-20


def test_gmpy2_path_is_taken_and_falls_back_on_a_complex_intermediate(monkeypatch):
    calls = {"fast": 0, "fallback": 0}
    orig = mpeval._ts_quad_fast

    def counting(F, pts):
        calls["fast"] += 1
        try:
            return orig(F, pts)
        except mpeval._Fallback:
            calls["fallback"] += 1
            raise
    monkeypatch.setattr(mpeval, "_ts_quad_fast", counting)
    good = mp_function(sp.Integral(sp.exp(-a * x), (x, 0, 1)), (a,))
    with mp.workdps(40):
        assert abs(good(mp.mpf(2)) - (1 - mp.exp(-2)) / 2) < mp.mpf(10) ** -38
    assert calls == {"fast": 1, "fallback": 0}
    # sqrt(x - a) is imaginary on part of (0, 1) for a = 1/2: MPFR gives NaN, mpmath a
    # complex value; the quadrature is redone by mpmath and equals the plain form
    expr = sp.Integral(sp.sqrt(x - a) * x, (x, 0, 1))
    f, g = mp_function(expr, (a,)), _mp_only(expr, (a,))
    with mp.workdps(40):
        u, v = f(mp.mpf("0.5")), g(mp.mpf("0.5"))
    assert calls["fallback"] >= 1
    assert abs(u - v) <= mp.mpf(10) ** -30 * abs(v) and mp.im(u) != 0


@pytest.mark.parametrize("lo,hi", [(mp.mpf("0.3"), mp.mpf("3.7")), (mp.mpf("1.1"), mp.mpf("1.2"))])
def test_singular_upper_end_is_resolved(lo, hi):
    """1/sqrt(b - x) on (a, b): the old path evaluated it at abscissas b - x that had lost
    their digits (error estimate 1e-21, a complex part from rounding); moved to 0 the
    quadrature is exact to the working precision."""
    expr = sp.Integral(1 / sp.sqrt(b - x), (x, a, b))
    f = mp_function(expr, (a, b))
    with mp.workdps(40):
        mpeval.reset_quad_log()
        got = f(lo, hi)
        exact = 2 * mp.sqrt(hi - lo)
        assert mp.im(got) == 0
        assert abs(got - exact) <= mp.mpf(10) ** -36 * exact
        assert max(mpeval.QUAD_LOG) < 1e-30


def test_singular_lower_end_that_sympy_must_expand():
    """1/sqrt(M x^2 - k) from x = sqrt(k/M): M (sqrt(k/M) + u)^2 - k is expanded so that the
    cancellation is exact; the integral is acosh(c sqrt(M/k)) / sqrt(M)."""
    M, k, c = a, b, sp.Symbol("c", positive=True)
    expr = sp.Integral(1 / sp.sqrt(M * x**2 - k), (x, sp.sqrt(k / M), c))
    f = mp_function(expr, (M, k, c))
    with mp.workdps(40):
        Mv, kv, cv = mp.mpf("0.8"), mp.mpf("0.3"), mp.mpf("1.7")
        exact = mp.acosh(cv * mp.sqrt(Mv / kv)) / mp.sqrt(Mv)
        assert abs(f(Mv, kv, cv) - exact) <= mp.mpf(10) ** -36 * exact


def test_non_decaying_integrand_still_fails_on_the_gmpy2_path():
    f = mp_function(sp.Integral(sp.sin(x**2) * x, (x, 0, sp.oo)), ())
    with mp.workdps(30), pytest.raises(mpeval.QuadratureError):
        f()


def test_asymptotic_computes_an_integral_without_the_variable_once(monkeypatch):
    from glassderive.verify import Asymptotic
    eps = sp.Symbol("epsilon", positive=True)
    st = Asymptotic("const-integral", eps * sp.Integral(sp.exp(-a * x**2), (x, 0, sp.oo)) + eps**2,
                    eps * sp.sqrt(sp.pi) / (2 * sp.sqrt(a)), eps, 0, order=1,
                    domain={a: sp.Interval(1, 2)})
    n = {"quad": 0}
    orig = mpeval._quad_points

    def counting(*args, **kw):
        n["quad"] += 1
        return orig(*args, **kw)
    monkeypatch.setattr(mpeval, "_quad_points", counting)
    res = st.check()
    assert res.status == "pass", res.line()
    assert n["quad"] == 2            # once per parameter set (two corners), not at 7 points each


def test_where_condition_is_decided_as_sympy_decides_it():
    from glassderive.verify.sampling import _accept
    import random
    where = sp.And(a * sp.cosh(b / 2) > c**2, sp.sqrt(a) + b < 3)
    rng = random.Random(5)
    for _ in range(200):
        p = {a: rng.uniform(0, 3), b: rng.uniform(-3, 3), c: rng.uniform(-2, 2)}
        slow = bool(where.subs({k: sp.Float(v, 30) for k, v in p.items()}))
        assert _accept(where, p) == slow


def test_mpfr_error_estimate_is_mpmaths():
    """_estimate_error (MPFR) gives mpmath's estimate_error on the same partial sums."""
    import gmpy2
    import random
    rng = random.Random(3)
    rule = mp.mp._tanh_sinh
    for dps in (30, 40, 80):
        with mp.workdps(dps):
            prec, eps = mp.mp.prec, mp.mp.eps / 8
            for _ in range(300):
                base = mp.mpf(rng.uniform(-2, 2))
                seq = [base + mp.mpf(rng.uniform(-1, 1)) * mp.mpf(10) ** -rng.randint(0, 60)
                       for _ in range(rng.choice([2, 3, 4]))]
                with mp.workprec(prec + 20):
                    want = rule.estimate_error(seq, prec, eps)
                with gmpy2.context(gmpy2.get_context(), precision=prec + 20):
                    got = mpeval._estimate_error([mpeval._to_mpfr(v) for v in seq], prec, eps)
                assert got == want, (seq, got, want)


# -- exact real-root counts for Conditions --------------------------------------------------------

def test_count_real_roots_agrees_with_polyroots_on_random_cubics_and_quartics():
    """The count the derivations' Conditions take from mpmath.polyroots (real roots: imaginary
    part below 10**-(dps/2)), exactly, on random points like theirs."""
    import random
    from glassderive.verify.roots import count_real_roots
    rng = random.Random(11)
    with mp.workdps(40):
        tiny = mp.mpf(10) ** -20
        for _ in range(300):
            coeffs = [mp.mpf(rng.uniform(0.5, 2))] + [mp.mpf(rng.uniform(-2, 2))
                                                      for _ in range(rng.choice([3, 4]))]
            roots = mp.polyroots(coeffs, maxsteps=200, extraprec=80)
            assert count_real_roots(coeffs) == sum(1 for r in roots if abs(mp.im(r)) < tiny)


def test_count_real_roots_is_exact_on_multiple_roots_and_intervals():
    from glassderive.verify.roots import count_real_roots
    x = sp.Symbol("x")
    p = sp.Poly(3 * (x - 1) ** 2 * (x + sp.Rational(1, 3)) * (x**2 + 1), x).all_coeffs()
    assert count_real_roots(p) == 2                       # distinct roots
    assert count_real_roots(p, 0, mp.inf) == 1
    assert count_real_roots(p, -1, 0) == 1
    assert count_real_roots(p, 1, 2) == 0                 # (1, 2]: the root 1 is not in it
    assert count_real_roots([1.0, 0.0, -2.0]) == 2        # floats at their binary values
    with pytest.raises(ValueError):
        count_real_roots([0, 0])
    with pytest.raises(ValueError):
        count_real_roots([1, mp.mpc(1, 1)])
